package io.github.cai4j.psa.spm;

import io.github.cai4j.psa.OutVec;

/**
 * The gate's message: private copies of the inputs, and the caller's output vectors, which {@code psa_write}
 * fills directly (as TF-M writes into the caller's memory) within their capacities. The partition never gets a
 * reference to a caller's array.
 */
final class GateMessage implements Message {
    private final int type;
    private final int sid;
    private final int clientId;
    private final String partitionName;
    private final byte[][] inputs;
    private final OutVec[] outputs;
    private final int[] written;

    GateMessage(int type, int sid, int clientId, String partitionName, byte[][] inputs, OutVec[] outputs) {
        this.type = type;
        this.sid = sid;
        this.clientId = clientId;
        this.partitionName = partitionName;
        this.inputs = inputs;
        this.outputs = outputs;
        this.written = new int[outputs.length];
    }

    @Override
    public int type() {
        return type;
    }

    @Override
    public int sid() {
        return sid;
    }

    @Override
    public int clientId() {
        return clientId;
    }

    @Override
    public int inCount() {
        return inputs.length;
    }

    @Override
    public int inSize(int i) {
        return inputs[i].length;
    }

    @Override
    public byte[] input(int i) {
        return inputs[i].clone();
    }

    @Override
    public int outCount() {
        return outputs.length;
    }

    @Override
    public int outCapacity(int i) {
        return outputs[i].length();
    }

    @Override
    public void write(int i, byte[] data, int offset, int length) {
        if (i < 0 || i >= outputs.length) {
            throw new SecurePanic(partitionName + ": psa_write to output vector " + i + " of " + outputs.length);
        }
        OutVec out = outputs[i];
        if (offset < 0 || length < 0 || offset > data.length - length || written[i] > out.length() - length) {
            throw new SecurePanic(partitionName + ": psa_write of " + length + " bytes overflows output vector "
                    + i + " (capacity " + out.length() + ", written " + written[i] + ")");
        }
        if (length > 0) {
            System.arraycopy(data, offset, out.buffer(), out.offset() + written[i], length);
            written[i] += length;
        }
    }

    @Override
    public int written(int i) {
        return written[i];
    }

    /** Bytes written to each output vector. */
    int[] writtenLengths() {
        return written.clone();
    }
}
