package io.github.cai4j.device.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class DemoTest {
    @Test
    void everyStepOfTheDemoPasses() throws Exception {
        StringWriter text = new StringWriter();
        int status = new Demo(new PrintWriter(text)).run();
        String out = text.toString();
        assertEquals(0, status, out);
        for (String line : new String[] {
            "TFM_DUMMY_PROVISIONING is not suitable for production",
            "[HUK DERIV SERV] Generated UUID: ",
            ": VALID",
            "REPLAYED",
            "signature OK, session opened",
            "PSA attestation token: ",
            "component tflm-model",
            "install(): PSA_SUCCESS_REBOOT",
            "state of the model: TRIAL",
            "secondary slot refused",
            "Demo complete: every check passed"}) {
            assertTrue(out.contains(line), () -> "missing '" + line + "' in:\n" + out);
        }
        assertFalse(out.contains("Exception"), out);
    }
}
