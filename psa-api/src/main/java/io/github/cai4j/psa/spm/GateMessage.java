package io.github.cai4j.psa.spm;

import java.io.ByteArrayOutputStream;

/** The gate's message: private copies of the inputs and buffered outputs with their capacities. */
final class GateMessage implements Message {
    private final int type;
    private final int sid;
    private final int clientId;
    private final String partitionName;
    private final byte[][] inputs;
    private final int[] capacities;
    private final ByteArrayOutputStream[] outputs;

    GateMessage(int type, int sid, int clientId, String partitionName, byte[][] inputs, int[] capacities) {
        this.type = type;
        this.sid = sid;
        this.clientId = clientId;
        this.partitionName = partitionName;
        this.inputs = inputs;
        this.capacities = capacities;
        this.outputs = new ByteArrayOutputStream[capacities.length];
        for (int i = 0; i < capacities.length; i++) {
            outputs[i] = new ByteArrayOutputStream(Math.min(capacities[i], 256));
        }
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
        return capacities.length;
    }

    @Override
    public int outCapacity(int i) {
        return capacities[i];
    }

    @Override
    public void write(int i, byte[] data, int offset, int length) {
        if (i < 0 || i >= capacities.length) {
            throw new SecurePanic(partitionName + ": psa_write to output vector " + i + " of " + capacities.length);
        }
        if (offset < 0 || length < 0 || offset + length > data.length
                || outputs[i].size() + length > capacities[i]) {
            throw new SecurePanic(partitionName + ": psa_write of " + length + " bytes overflows output vector "
                    + i + " (capacity " + capacities[i] + ", written " + outputs[i].size() + ")");
        }
        outputs[i].write(data, offset, length);
    }

    @Override
    public int written(int i) {
        return outputs[i].size();
    }

    byte[] output(int i) {
        return outputs[i].toByteArray();
    }
}
