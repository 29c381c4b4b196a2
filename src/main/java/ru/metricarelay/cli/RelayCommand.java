package ru.metricarelay.cli;

import java.io.PrintWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.metricarelay.metrica.setup.Change;
import ru.metricarelay.metrica.setup.Check;
import ru.metricarelay.metrica.setup.DoctorReport;
import ru.metricarelay.metrica.setup.ProvisionReport;
import ru.metricarelay.relay.operator.Operator;

/**
 * {@code java -jar quarkus-run.jar [doctor | provision [--dry-run]] [--json]}: the same checks and changes as
 * GET /admin/doctor and POST /admin/provision, printed one per line (or as the endpoints' JSON). Exit 0 when
 * nothing failed, 1 when something did, 2 for a usage error.
 */
@RegisterForReflection
@Command(name = "java -jar quarkus-run.jar", mixinStandardHelpOptions = true, subcommands = CommandLine.HelpCommand.class,
        description = "Without a command: the HTTP service. With one: check or set up the Metrica counter, then exit.")
public class RelayCommand implements QuarkusApplication {

    static final int OK = 0;
    static final int FAILED = 1;

    private final Operator operator;
    private final ObjectMapper json;
    private PrintWriter out;

    public RelayCommand(Operator operator, ObjectMapper json) {
        this.operator = operator;
        this.json = json;
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return OK;
        }
        CommandLine cli = new CommandLine(this);
        out = cli.getOut();
        return cli.execute(args);
    }

    @Command(name = "doctor", description = "Check the token, the counter, its time zone, goals, order statuses, "
            + "offline tracking and the CDP API. Exit 0 when no check fails.")
    int doctor(@Option(names = "--json", description = "print the GET /admin/doctor JSON") boolean asJson) throws JsonProcessingException {
        DoctorReport report = operator.doctor().await().indefinitely();
        if (asJson) {
            out.println(json.writeValueAsString(report));
        } else {
            report.checks().forEach(this::print);
            out.println(report.failed() ? "doctor: something needs fixing (see fix: lines)" : "doctor: nothing failed");
        }
        out.flush();
        return report.failed() ? FAILED : OK;
    }

    @Command(name = "provision", description = "Create the goals, order statuses and tracking switches doctor finds "
            + "missing; read first, change only what is missing, read back. Exit 0 when nothing failed.")
    int provision(@Option(names = "--dry-run", description = "show what would change; change nothing") boolean dryRun,
            @Option(names = "--json", description = "print the POST /admin/provision JSON") boolean asJson) throws JsonProcessingException {
        ProvisionReport report = operator.provision(dryRun).await().indefinitely();
        if (asJson) {
            out.println(json.writeValueAsString(report));
        } else {
            report.checks().forEach(this::print);
            report.changes().forEach(this::print);
            out.println(summary(report));
        }
        out.flush();
        return report.failed() ? FAILED : OK;
    }

    private static String summary(ProvisionReport report) {
        if (!report.checks().isEmpty()) {
            return "provision: nothing changed (see fix: lines)";
        }
        if (report.changes().isEmpty()) {
            return "provision: nothing to change";
        }
        return "provision: " + report.changes().size() + (report.dryRun() ? " change(s) would be made (dry run)" : " change(s)")
                + (report.failed() ? "; some need attention" : "");
    }

    private void print(Check c) {
        out.printf("%-5s %-24s %s%n", c.status().json(), c.name(), c.detail());
        if (c.fix() != null) {
            out.printf("%-5s %-24s fix: %s%n", "", "", c.fix());
        }
    }

    private void print(Change c) {
        out.printf("%-13s %-18s %-24s %s%s%n", c.action(), c.what(), c.name(), c.detail(),
                c.verified() == null ? "" : c.verified() ? " (read back)" : " (NOT seen on read-back)");
    }
}
