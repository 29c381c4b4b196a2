package ru.metricarelay.cli;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Settings of the command mode only: no HTTP listener (a relay may be serving on the same port), no queued delivery
 * (the serving relay holds the queue file's lock, and a command must not flush), logs on stderr so stdout is the
 * command's report, Quarkus' start-up lines quietened. Empty when the jar serves.
 * A flag rather than system properties: tests run commands and services in one JVM.
 */
public class CommandModeConfig implements ConfigSource {

    private static final Map<String, String> COMMAND = Map.of(
            "quarkus.http.host-enabled", "false",
            "relay.delivery", "direct",
            "quarkus.log.console.stderr", "true",
            "quarkus.log.category.\"io.quarkus\".level", "WARN");

    private static volatile boolean active;

    static void activate(boolean command) {
        active = command;
    }

    @Override
    public Map<String, String> getProperties() {
        return active ? COMMAND : Map.of();
    }

    @Override
    public Set<String> getPropertyNames() {
        return getProperties().keySet();
    }

    @Override
    public String getValue(String name) {
        return active ? COMMAND.get(name) : null;
    }

    @Override
    public String getName() {
        return "relay-command-mode";
    }

    /** Above the environment: a command never binds the port, whatever QUARKUS_HTTP_* says. */
    @Override
    public int getOrdinal() {
        return 400;
    }
}
