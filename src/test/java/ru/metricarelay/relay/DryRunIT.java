package ru.metricarelay.relay;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The dry-run tests against the packaged artifact (the native executable under -Pnative). */
@QuarkusIntegrationTest
class DryRunIT extends DryRunTest {
}
