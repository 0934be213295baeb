package io.github.cai4j.psa.spm.testing;

import io.github.cai4j.psa.spm.Message;
import java.io.ByteArrayOutputStream;

/**
 * A message as the gate delivers it, for driving a partition's handler directly (decoding tests, fuzzing)
 * without a gate. Published in this module's test-jar. A write past an output's capacity, which panics a real
 * device, fails the test.
 */
public class TestMessage implements Message {
    private final int type;
    private final int sid;
    private final int clientId;
    private final byte[][] inputs;
    private final int[] capacities;
    private final ByteArrayOutputStream[] outputs;

    public TestMessage(int type, int sid, int clientId, byte[][] inputs, int[] capacities) {
        this.type = type;
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
        if (i < 0 || i >= capacities.length || outputs[i].size() + length > capacities[i]) {
            throw new AssertionError("the partition overflowed output vector " + i + " (a panic on the device)");
        }
        outputs[i].write(data, offset, length);
    }

    @Override
    public int written(int i) {
        return outputs[i].size();
    }

    /** What the handler wrote to output vector {@code i}. */
    public byte[] output(int i) {
        return outputs[i].toByteArray();
    }
}
