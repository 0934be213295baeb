package io.github.cai4j.crypto;

import io.github.cai4j.psa.spm.testing.TestMessage;

/** A message to the crypto service, delivered without a gate. */
final class FakeMessage extends TestMessage {
    FakeMessage(int type, int clientId, byte[][] inputs, int[] capacities) {
        super(type, CryptoPartition.SID, clientId, inputs, capacities);
    }
}
