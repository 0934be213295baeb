package io.github.cai4j.inference.service;

import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.spm.Message;
import java.io.ByteArrayOutputStream;

/** A message built by a test, for calling a partition's handler directly. */
final class TestMessage implements Message {
    private final int sid;
    private final byte[][] inputs;
    private final int[] capacities;
    private final ByteArrayOutputStream[] outputs;

    TestMessage(int sid, byte[][] inputs, int... capacities) {
        this.sid = sid;
        this.inputs = inputs;
        this.capacities = capacities;
        this.outputs = new ByteArrayOutputStream[capacities.length];
        for (int i = 0; i < capacities.length; i++) {
            outputs[i] = new ByteArrayOutputStream();
        }
    }

    @Override
    public int type() {
        return Psa.IPC_CALL;
    }

    @Override
    public int sid() {
        return sid;
    }

    @Override
    public int clientId() {
        return 0x4c69_0400;
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
            throw new AssertionError("psa_write past the capacity of output " + i);
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
