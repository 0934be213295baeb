package io.github.cai4j.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cai4j.bootloader.fwu.FwuClient;
import io.github.cai4j.bootloader.fwu.FwuPartition;
import io.github.cai4j.bootloader.fwu.FwuState;
import io.github.cai4j.psa.CallResult;
import io.github.cai4j.psa.InVec;
import io.github.cai4j.psa.OutVec;
import io.github.cai4j.psa.PsaClient;
import io.github.cai4j.psa.PsaException;
import io.github.cai4j.psa.PsaStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The Firmware Update partition behind the gate: its statuses as non-secure code sees them. */
class FirmwareUpdateGateTest {

    private static byte[] header(int function, int component, long argument) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(function).putInt(component)
                .putLong(argument).array();
    }

    @Test
    void statusesThroughTheGate() throws Exception {
        try (Device device = Device.boot()) {
            FwuClient fwu = device.nonSecure().firmwareUpdate();
            int model = DeviceImage.TFLM_MODEL.index();
            assertEquals(FwuState.READY, fwu.query(model).state());
            assertEquals("1.0.0", fwu.query(model).version().withoutBuild());
            PsaException wrongState = assertThrows(PsaException.class, () -> fwu.finish(model));
            assertEquals(PsaStatus.ERROR_BAD_STATE.value(), wrongState.statusValue());
            PsaException noComponent = assertThrows(PsaException.class, () -> fwu.query(99));
            assertEquals(PsaStatus.ERROR_DOES_NOT_EXIST.value(), noComponent.statusValue());

            PsaClient ns = device.nonSecure().psaClient();
            CallResult shortHeader = ns.call(FwuPartition.HANDLE, new InVec[] {InVec.of(new byte[3])}, new OutVec[0]);
            assertEquals(PsaStatus.ERROR_PROGRAMMER_ERROR.value(), shortHeader.status());
            CallResult unknown = ns.call(FwuPartition.HANDLE, new InVec[] {InVec.of(header(77, model, 0))},
                    new OutVec[0]);
            assertEquals(PsaStatus.ERROR_NOT_SUPPORTED.value(), unknown.status());
            CallResult smallQuery = ns.call(FwuPartition.HANDLE, new InVec[] {InVec.of(header(FwuPartition.QUERY,
                    model, 0))}, new OutVec[] {OutVec.allocate(8)});
            assertEquals(PsaStatus.ERROR_BUFFER_TOO_SMALL.value(), smallQuery.status());
        }
    }
}
