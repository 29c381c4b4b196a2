package ru.metricarelay.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Problem answers from the packaged artifact (the native executable under -Pnative). */
@QuarkusIntegrationTest
class InboundErrorsIT extends InboundErrorsTest {
}
