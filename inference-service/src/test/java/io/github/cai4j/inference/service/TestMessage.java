package io.github.cai4j.inference.service;

import io.github.cai4j.psa.Psa;

/** A call from the test helper partition (0x4c690400), for calling a partition's handler directly. */
final class TestMessage extends io.github.cai4j.psa.spm.testing.TestMessage {
    TestMessage(int sid, byte[][] inputs, int... capacities) {
        super(Psa.IPC_CALL, sid, 0x4c69_0400, inputs, capacities);
    }
}
