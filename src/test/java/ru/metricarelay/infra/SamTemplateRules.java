package ru.metricarelay.infra;

import static ru.metricarelay.infra.InfraFiles.SAM_TEMPLATE;
import static ru.metricarelay.infra.InfraFiles.expect;
import static ru.metricarelay.infra.InfraFiles.list;
import static ru.metricarelay.infra.InfraFiles.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The checks {@link SamTemplateTest} runs on the SAM template: each returns the problems it found. */
final class SamTemplateRules {

    private SamTemplateRules() {
    }

    /** Everything infra/aws/README.md promises about the SAM template. */
    @SuppressWarnings("unchecked")
    static List<String> samProblems(Map<String, Object> t) {
        List<String> problems = new ArrayList<>();
        if (!"AWS::Serverless-2016-10-31".equals(t.get("Transform"))) {
            problems.add("Transform must be AWS::Serverless-2016-10-31");
        }
        Map<String, Object> resources = map(t.get("Resources"));
        Map<String, Object> parameters = map(t.get("Parameters"));

        List<String> functions = ofType(resources, "AWS::Serverless::Function");
        if (!functions.contains("RelayFunction")) {
            problems.add("expected the webhook function RelayFunction among " + functions);
            return problems;
        }
        String fnName = "RelayFunction";
        problems.addAll(queueProblems(t));
        Map<String, Object> fn = map(map(resources.get(fnName)).get("Properties"));

        problems.addAll(SamRuntimeRules.runtimeProblems(t));
        Object codeUri = fn.get("CodeUri");
        if (!(codeUri instanceof String uri)
                || !SAM_TEMPLATE.getParent().resolve(uri).normalize().equals(Path.of("target/function.zip"))) {
            problems.add("CodeUri must point at target/function.zip (./mvnw package -Plambda[,native]), is " + codeUri);
        }

        // Environment: configuration from parameters, secrets never in plain text.
        Map<String, Object> env = map(map(fn.get("Environment")).get("Variables"));
        for (String name : List.of("METRICA_COUNTER_ID", "METRICA_TIMEZONE", "RELAY_DEADLINE")) {
            Object ref = map(env.get(name)).get("Ref");
            if (ref == null || !parameters.containsKey(ref)) {
                problems.add(name + " must come from a template Parameter, is " + env.get(name));
            }
        }
        for (String secret : List.of("METRICA_TOKEN", "RELAY_SECRET")) {
            secretProblem(secret, env.get(secret), parameters).ifPresent(problems::add);
        }

        // The HttpApi event on our HTTP API.
        List<String> apis = ofType(resources, "AWS::Serverless::HttpApi");
        boolean httpApiEvent = map(fn.get("Events")).values().stream().map(InfraFiles::map)
                .anyMatch(e -> "HttpApi".equals(e.get("Type"))
                        && apis.contains(map(map(e.get("Properties")).get("ApiId")).get("Ref")));
        if (!httpApiEvent) {
            problems.add("the function needs an HttpApi event on the template's AWS::Serverless::HttpApi " + apis);
        }

        // Alarms: API 5xx on our API, Lambda Errors on our function.
        boolean api5xx = resources.values().stream().map(InfraFiles::map)
                .filter(r -> "AWS::CloudWatch::Alarm".equals(r.get("Type"))).map(r -> map(r.get("Properties")))
                .anyMatch(p -> "AWS/ApiGateway".equals(p.get("Namespace")) && "5xx".equals(p.get("MetricName"))
                        && dimensionRefs(p, "ApiId").stream().anyMatch(apis::contains));
        if (!api5xx) {
            problems.add("no CloudWatch alarm on the HTTP API's 5xx metric");
        }
        boolean lambdaErrors = resources.values().stream().map(InfraFiles::map)
                .filter(r -> "AWS::CloudWatch::Alarm".equals(r.get("Type"))).map(r -> map(r.get("Properties")))
                .anyMatch(p -> "AWS/Lambda".equals(p.get("Namespace")) && "Errors".equals(p.get("MetricName"))
                        && dimensionRefs(p, "FunctionName").contains(fnName));
        if (!lambdaErrors) {
            problems.add("no CloudWatch alarm on the function's Errors metric");
        }

        // An output with the webhook base URL built from the API.
        boolean urlOutput = map(t.get("Outputs")).values().stream().map(o -> String.valueOf(map(o).get("Value")))
                .anyMatch(v -> v.contains("/hooks/") && apis.stream().anyMatch(v::contains));
        if (!urlOutput) {
            problems.add("no Output with the webhook URL (<api endpoint>/hooks/)");
        }
        return problems;
    }

    /**
     * Queued delivery on AWS (infra/README.md): an SQS queue with a dead-letter queue, hidden longer than a flush can
     * run; the webhook function stores into it and never flushes on a timer; a flush function invoked by EventBridge
     * Scheduler every 5 minutes with a POST /queue/flush event carrying the relay secret.
     */
    static List<String> queueProblems(Map<String, Object> t) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> resources = map(t.get("Resources"));
        Map<String, Object> parameters = map(t.get("Parameters"));
        if (!(map(parameters.get("Delivery")).get("AllowedValues") instanceof List<?> modes)
                || !modes.containsAll(List.of("direct", "queued")) || !"direct".equals(map(parameters.get("Delivery")).get("Default"))) {
            problems.add("a Delivery parameter (direct, the default, or queued) is missing");
        }
        Map<String, Object> queue = map(map(resources.get("RelayQueue")).get("Properties"));
        Map<String, Object> redrive = map(queue.get("RedrivePolicy"));
        Object dlq = map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt");
        if (!"AWS::SQS::Queue".equals(map(resources.get("RelayQueue")).get("Type")) || !(dlq instanceof List<?> arn)
                || !"AWS::SQS::Queue".equals(map(resources.get(arn.get(0))).get("Type")) || redrive.get("maxReceiveCount") == null) {
            problems.add("RelayQueue must be an SQS queue with a RedrivePolicy to a dead-letter queue (maxReceiveCount)");
        }
        Map<String, Object> env = map(map(map(map(resources.get("RelayFunction")).get("Properties")).get("Environment")).get("Variables"));
        expect(problems, "RelayFunction RELAY_QUEUE", "sqs", env.get("RELAY_QUEUE"));
        expect(problems, "RelayFunction RELAY_FLUSH_INTERVAL (the scheduler flushes, not a timer)", "0", env.get("RELAY_FLUSH_INTERVAL"));
        if (!String.valueOf(env.get("RELAY_QUEUE_SQS_URL")).contains("RelayQueue")) {
            problems.add("RelayFunction RELAY_QUEUE_SQS_URL must name RelayQueue, is " + env.get("RELAY_QUEUE_SQS_URL"));
        }
        if (!String.valueOf(env.get("RELAY_DELIVERY")).contains("Delivery")) {
            problems.add("RelayFunction RELAY_DELIVERY must come from the Delivery parameter");
        }
        List<Map<String, Object>> schedules = new ArrayList<>();
        for (String name : ofType(resources, "AWS::Serverless::Function")) {
            Map<String, Object> fn = map(map(resources.get(name)).get("Properties"));
            map(fn.get("Events")).values().stream().map(InfraFiles::map).filter(e -> "ScheduleV2".equals(e.get("Type")))
                    .forEach(e -> schedules.add(Map.of("fn", fn, "event", map(e.get("Properties")))));
        }
        boolean flushes = schedules.stream().anyMatch(s -> {
            Map<String, Object> event = map(s.get("event"));
            String input = String.valueOf(event.get("Input"));
            String rate = String.valueOf(event.get("ScheduleExpression")).contains("FlushRate")
                    ? defaultOf(parameters, "FlushRate", "") : String.valueOf(event.get("ScheduleExpression"));
            return "rate(5 minutes)".equals(rate) && input.contains("\"rawPath\":\"/queue/flush\"") && input.contains("\"POST\"")
                    && input.contains("x-relay-secret") && input.contains("{{resolve:secretsmanager:");
        });
        if (!flushes) {
            problems.add("no ScheduleV2 event that POSTs /queue/flush (with x-relay-secret) every 5 minutes by default");
        }
        int visibility = queue.get("VisibilityTimeout") instanceof Number n ? n.intValue() : -1;
        for (Map<String, Object> s : schedules) {
            int timeout = map(s.get("fn")).get("Timeout") instanceof Number n ? n.intValue() : Integer.MAX_VALUE;
            if (timeout >= visibility) {
                problems.add("the queue's VisibilityTimeout (" + visibility + " s) must exceed the flush function's Timeout ("
                        + timeout + " s)");
            }
        }
        return problems;
    }

    /** A secret env var must be a Secrets Manager dynamic reference, or a NoEcho parameter without a default. */
    static java.util.Optional<String> secretProblem(String name, Object value, Map<String, Object> parameters) {
        String text = value instanceof String s ? s
                : map(value).get("Fn::Sub") instanceof String s ? s
                : map(value).get("Fn::Sub") instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String s ? s
                : null;
        if (text != null) {
            if (text.contains("{{resolve:ssm-secure:")) {
                return java.util.Optional.of(name + ": ssm-secure dynamic references are not accepted in Lambda"
                        + " environment variables");
            }
            if (!text.startsWith("{{resolve:secretsmanager:") || !text.endsWith("}}")) {
                return java.util.Optional.of(name + " is plain text (or not a Secrets Manager reference): " + text);
            }
            return java.util.Optional.empty();
        }
        Object ref = map(value).get("Ref");
        Map<String, Object> param = map(parameters.get(ref));
        if (ref != null && !param.isEmpty() && !param.containsKey("Default")
                && Boolean.TRUE.equals(param.get("NoEcho"))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(name + " must be a Secrets Manager dynamic reference or a NoEcho parameter"
                + " without a default, is " + value);
    }

    static List<String> ofType(Map<String, Object> resources, String type) {
        return resources.entrySet().stream().filter(e -> type.equals(map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey).toList();
    }

    static List<Object> dimensionRefs(Map<String, Object> alarm, String dimension) {
        return list(alarm.get("Dimensions")).stream().map(InfraFiles::map)
                .filter(d -> dimension.equals(d.get("Name"))).map(d -> map(d.get("Value")).get("Ref"))
                .filter(Objects::nonNull).toList();
    }

    static String defaultOf(Map<String, Object> parameters, String name, String fallback) {
        Object value = map(parameters.get(name)).get("Default");
        return value == null ? fallback : value.toString();
    }

    static long durationMs(String duration) {
        return duration.endsWith("ms") ? Long.parseLong(duration.substring(0, duration.length() - 2))
                : Long.parseLong(duration.substring(0, duration.length() - 1)) * 1000;
    }
}
