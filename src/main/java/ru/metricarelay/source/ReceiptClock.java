package ru.metricarelay.source;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/** When a webhook arrived: the time used for senders that send none (Tilda, Jivo). Tests pin it. */
@ApplicationScoped
public class ReceiptClock {

    public Instant now() {
        return Instant.now();
    }
}
