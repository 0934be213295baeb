package io.github.cai4j.huk;

import io.github.cai4j.psa.spm.Message;
import java.io.ByteArrayOutputStream;

/** A message built directly from vectors, for decoding tests and fuzzing without a gate. */
public final class FakeMessage implements Message {
    private final int sid;
    private final int clientId;
    private final byte[][] inputs;
    private final int[] capacities;
    private final ByteArrayOutputStream[] outputs;

    public FakeMessage(int sid, int clientId, byte[][] inputs, int[] capacities) {
        this.sid = sid;
        this.clientId = clientId;
        this.inputs = inputs;
        this.capacities = capacities;
        this.outputs = new ByteArrayOutputStream[capacities.length];
        for (int i = 0; i < capacities.length; i++) {
            outputs[i] = new ByteArrayOutputStream();
        }
    }

    @Override
    public int type() {
        return 0;
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
        if (outputs[i].size() + length > capacities[i]) {
            throw new AssertionError("write past the output vector " + i);
        }
        outputs[i].write(data, offset, length);
    }

    @Override
    public int written(int i) {
        return outputs[i].size();
    }

    public byte[] output(int i) {
        return outputs[i].toByteArray();
    }
}
