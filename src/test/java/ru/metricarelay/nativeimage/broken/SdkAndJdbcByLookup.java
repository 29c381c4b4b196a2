package ru.metricarelay.nativeimage.broken;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Planted for NativeReadinessTest: an AWS SDK client left to find its HTTP client, and a JDBC driver found by DriverManager. */
public final class SdkAndJdbcByLookup {

    private SdkAndJdbcByLookup() {
    }

    public static SqsClient sqs() {
        return SqsClient.builder().region(Region.EU_CENTRAL_1).build();
    }

    public static Connection sqlite() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite::memory:");
    }
}
