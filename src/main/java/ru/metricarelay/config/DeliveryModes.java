package ru.metricarelay.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the {@link DeliveryMode} a bean, computed once from the configuration. */
@Singleton
public class DeliveryModes {

    @Produces
    @Singleton
    DeliveryMode mode(MetricaConfig metrica, RelayConfig relay) {
        return DeliveryMode.of(metrica, relay);
    }
}
