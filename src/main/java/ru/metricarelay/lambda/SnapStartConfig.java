package ru.metricarelay.lambda;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** SnapStart on AWS Lambda (docs/performance.md#snapstart-priming). */
@ConfigMapping(prefix = "relay.snapstart")
public interface SnapStartConfig {

    /**
     * Before Lambda takes the SnapStart snapshot, rehearse one dry-run webhook per sender and build the Metrica clients
     * and guards, so that a restored function answers its first webhook warm. Only where Lambda initialises a version
     * for its snapshot (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start); it sends nothing and counts nothing.
     */
    @WithDefault("true")
    boolean priming();
}
