package io.github.cai4j.huk;

import io.github.cai4j.psa.Psa;
import io.github.cai4j.psa.spm.testing.TestMessage;

/** A call message built directly from vectors, for decoding tests and fuzzing without a gate. */
@SuppressWarnings("exports") // a test double over the psa-api test-jar, which has no module descriptor
public final class FakeMessage extends TestMessage {
    public FakeMessage(int sid, int clientId, byte[][] inputs, int[] capacities) {
        super(Psa.IPC_CALL, sid, clientId, inputs, capacities);
    }
}
