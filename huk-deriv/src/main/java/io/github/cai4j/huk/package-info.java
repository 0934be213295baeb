/**
 * The HUK derivation partition ({@code tfm_huk_deriv_srv}) and its non-secure side: the device UUID, the device
 * keys 0x5001 (client TLS, derived by the non-secure side) and 0x5002 (COSE, derived by the partition), key status,
 * public keys, CSRs and the shell's {@code info}/{@code keys} commands, for both TF-M generations
 * ({@code spec/firmware.md} §1, §2, §4, §5, §8).
 *
 * <h2>Assembling a device</h2>
 * <pre>{@code
 * HukDerivConfig config = HukDerivConfig.defaults()            // TF-M 1.7, 0x4c690100, no label extra
 *         .withProfile(TfmProfile.TFM_1_6).withPartitionId(262).withLabelExtra("");
 * gate.register(new CryptoPartition(huk, CryptoConfig.builder().profile(config.profile()).build(), log));
 * gate.register(new ProtectedStoragePartition(storageConfig));   // needed for NV counters and certificates
 * gate.register(new HukDerivPartition(config));                  // depends on crypto (0x80) and PS (0x60)
 * gate.start();
 * DeviceKeys keys = DeviceKeys.initialise(gate.nonSecureClient(), config, log);   // km_keys_init
 * HukShellCommands shell = new HukShellCommands(keys);
 * }</pre>
 * A secure partition that encodes inference results lists {@link io.github.cai4j.huk.HukServices#SID_COSE_CBOR_ENC_SIGN}
 * in its manifest's dependencies and calls {@link io.github.cai4j.huk.HukDerivClient#encode} on its own client.
 */
package io.github.cai4j.huk;
