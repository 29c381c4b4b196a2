package ru.metricarelay.nativeimage;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * What a native image needs that the JVM forgives (docs/performance.md#native-readiness), checked on compiled classes
 * and the class path: each rule returns the problems it found, so that the tests can prove it fails on a broken input.
 */
final class NativeRules {

    static final String ROOT = "ru.metricarelay";

    private NativeRules() {
    }

    /**
     * Every type Jackson binds by reflection outside the REST layer is registered for reflection: the types whose
     * members carry Jackson annotations or that are read by class (readValue(x, Type.class)), and every type of ours
     * inside them. Return types of JAX-RS resource methods, and what they contain, Quarkus registers itself.
     */
    static List<String> jacksonProblems(JavaClasses classes) {
        Map<Class<?>, String> byRest = restBound(classes);
        List<String> problems = new ArrayList<>();
        jacksonBound(classes).forEach((type, from) -> {
            if (!registered(type, classes) && !byRest.containsKey(type)) {
                problems.add(type.getName() + " is bound by Jackson (from " + from + ") but not registered for reflection");
            }
        });
        return problems;
    }

    /** The types Jackson binds outside the REST layer, each with where it was reached from. */
    static Map<Class<?>, String> jacksonBound(JavaClasses classes) {
        Map<Class<?>, String> bound = new LinkedHashMap<>();
        for (JavaClass c : classes) {
            if (hasJacksonAnnotation(c.reflect())) {
                reach(c.reflect(), c.getSimpleName() + " (Jackson annotations)", bound);
            }
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                if (calls(unit, "com.fasterxml.jackson.databind", Set.of("readValue", "treeToValue", "convertValue", "readerFor"))) {
                    unit.getReferencedClassObjects().forEach(ref -> reach(ref.getRawType().reflect(),
                            unit.getFullName() + " (read by class)", bound));
                }
            }
        }
        return bound;
    }

    /** What JAX-RS resource methods return, and the types of ours inside: Quarkus registers these itself. */
    static Map<Class<?>, String> restBound(JavaClasses classes) {
        Map<Class<?>, String> byRest = new LinkedHashMap<>();
        for (JavaClass c : classes) {
            if (c.isAnnotatedWith(Path.class) && !c.isInterface()) {
                Stream.of(c.reflect().getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                        .forEach(m -> reach(m.getGenericReturnType(), c.getSimpleName(), byRest));
            }
        }
        return byRest;
    }

    /** The interfaces a class that builds REST clients (QuarkusRestClientBuilder.build) names by class literal. */
    static Set<JavaClass> restClients(JavaClasses classes) {
        Set<JavaClass> clients = new java.util.LinkedHashSet<>();
        for (JavaClass c : classes) {
            if (c.getCodeUnits().stream().anyMatch(u -> calls(u, "io.quarkus.rest.client.reactive.QuarkusRestClientBuilder", Set.of("build")))) {
                c.getReferencedClassObjects().stream().map(ref -> ref.getRawType()).filter(JavaClass::isInterface).forEach(clients::add);
            }
        }
        return clients;
    }

    /** No class chosen by data: no Class.forName, no class loading by name, no Jackson polymorphism by class name. */
    static List<String> classByNameProblems(JavaClasses classes) {
        List<String> problems = new ArrayList<>();
        for (JavaClass c : classes) {
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                unit.getMethodCallsFromSelf().stream().filter(call -> {
                    String owner = call.getTargetOwner().getName();
                    String name = call.getName();
                    return owner.equals("java.lang.Class") && name.equals("forName")
                            || owner.endsWith("ClassLoader") && name.equals("loadClass")
                            || owner.startsWith("com.fasterxml.jackson.databind") && name.contains("DefaultTyping");
                }).forEach(call -> problems.add(unit.getFullName() + " loads a class by name: " + call.getTarget().getFullName()));
            }
            members(c.reflect()).map(m -> m.getAnnotation(JsonTypeInfo.class))
                    .filter(info -> info != null && (info.use() == JsonTypeInfo.Id.CLASS || info.use() == JsonTypeInfo.Id.MINIMAL_CLASS))
                    .forEach(info -> problems.add(c.getName() + " lets Jackson pick a class by name (@JsonTypeInfo use=" + info.use() + ")"));
        }
        return problems;
    }

    /**
     * Every REST client built from its interface (QuarkusRestClientBuilder.build(X.class)) is one the build generates
     * a client for (@RegisterRestClient), and the types of ours it sends or receives are registered for reflection.
     */
    static List<String> restClientProblems(JavaClasses classes) {
        List<String> problems = new ArrayList<>();
        for (JavaClass api : restClients(classes)) {
            if (!api.isAnnotatedWith(RegisterRestClient.class)) {
                problems.add(api.getName() + " is built as a REST client but is not @RegisterRestClient");
            }
            Map<Class<?>, String> carried = new LinkedHashMap<>();
            for (Method m : api.reflect().getDeclaredMethods()) {
                reach(m.getGenericReturnType(), api.getSimpleName(), carried);
                Stream.of(m.getGenericParameterTypes()).forEach(p -> reach(p, api.getSimpleName(), carried));
            }
            carried.keySet().stream().filter(t -> !registered(t, classes)).forEach(t ->
                    problems.add(t.getName() + " travels through REST client " + api.getSimpleName() + " but is not registered"));
        }
        return problems;
    }

    /**
     * The AWS SDK finds its HTTP client with a ServiceLoader unless one is given, and Quarkus' native build turns the
     * ServiceLoader feature off: every SDK client builder is given its HTTP client, the URL-connection one is on the
     * class path with its native-image configuration, and no other one is.
     */
    static List<String> awsHttpClientProblems(JavaClasses classes, Function<String, Boolean> onClassPath) {
        List<String> problems = new ArrayList<>();
        for (JavaClass c : classes) {
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                boolean builds = unit.getMethodCallsFromSelf().stream().anyMatch(call -> call.getName().equals("builder")
                        && call.getTargetOwner().getName().startsWith("software.amazon.awssdk.services.")
                        && call.getTargetOwner().getSimpleName().endsWith("Client"));
                if (builds && !calls(unit, "software.amazon.awssdk", Set.of("httpClientBuilder", "httpClient"))) {
                    problems.add(unit.getFullName() + " builds an AWS SDK client without its HTTP client (a ServiceLoader look-up)");
                }
            }
        }
        for (String needed : List.of("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
                "META-INF/native-image/software.amazon.awssdk/url-connection-client/reflect-config.json")) {
            if (!onClassPath.apply(needed)) {
                problems.add("the AWS SDK's URL-connection HTTP client is incomplete: " + needed + " is missing");
            }
        }
        for (String other : List.of("software/amazon/awssdk/http/apache/ApacheHttpClient.class",
                "software/amazon/awssdk/http/apache5/Apache5HttpClient.class",
                "software/amazon/awssdk/http/nio/netty/NettyNioAsyncHttpClient.class")) {
            if (onClassPath.apply(other)) {
                problems.add("another AWS SDK HTTP client is on the class path: " + other);
            }
        }
        return problems;
    }

    /**
     * SQLite JDBC in a native image: the driver's own GraalVM feature (native-image.properties) embeds its native
     * library for the build's platform and registers its JNI calls; the libraries for Lambda's and Yandex Cloud's
     * platforms are in the jar; our code opens connections directly, not through DriverManager's ServiceLoader.
     */
    static List<String> sqliteProblems(JavaClasses classes, Function<String, String> resource) {
        List<String> problems = new ArrayList<>();
        String args = resource.apply("META-INF/native-image/org.xerial/sqlite-jdbc/native-image.properties");
        if (args == null || !args.contains("--features=org.sqlite.nativeimage.SqliteJdbcFeature")) {
            problems.add("sqlite-jdbc's native-image.properties with its SqliteJdbcFeature is missing: " + args);
        }
        for (String arch : List.of("x86_64", "aarch64")) {
            if (resource.apply("org/sqlite/native/Linux/" + arch + "/libsqlitejdbc.so") == null) {
                problems.add("sqlite-jdbc has no native library for Linux " + arch);
            }
        }
        for (JavaClass c : classes) {
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                if (calls(unit, "java.sql.DriverManager", Set.of("getConnection", "getDriver", "getDrivers"))) {
                    problems.add(unit.getFullName() + " finds the JDBC driver through DriverManager (a ServiceLoader look-up)");
                }
            }
        }
        return problems;
    }

    /**
     * Class-path resources read at run time are in the image: each folder of src/main/resources (META-INF is Quarkus')
     * and libphonenumber's numbering plans match a glob of quarkus.native.resources.includes.
     */
    static List<String> resourceProblems(String includes, List<String> folders) {
        List<String> globs = includes == null ? List.of() : Stream.of(includes.split(",")).map(String::trim).toList();
        List<String> problems = new ArrayList<>();
        for (String folder : folders) {
            if (globs.stream().noneMatch(g -> g.endsWith("/**") && (folder + "/").startsWith(g.substring(0, g.length() - 2)))) {
                problems.add(folder + "/ is read at run time but not in quarkus.native.resources.includes (" + includes + ")");
            }
        }
        return problems;
    }

    /** Types of ours reached from {@code type}: itself, type arguments, array components, record components and fields. */
    static void reach(Type type, String from, Map<Class<?>, String> seen) {
        if (type instanceof ParameterizedType p) {
            reach(p.getRawType(), from, seen);
            Stream.of(p.getActualTypeArguments()).forEach(t -> reach(t, from, seen));
        } else if (type instanceof GenericArrayType a) {
            reach(a.getGenericComponentType(), from, seen);
        } else if (type instanceof Class<?> c) {
            if (c.isArray()) {
                reach(c.getComponentType(), from, seen);
            } else if (c.getName().startsWith(ROOT + ".") && seen.putIfAbsent(c, from) == null) {
                if (c.isRecord()) {
                    Stream.of(c.getRecordComponents()).forEach(rc -> reach(rc.getGenericType(), from, seen));
                } else if (!c.isEnum() && !c.isInterface()) {
                    Stream.of(c.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
                            .forEach(f -> reach(f.getGenericType(), from, seen));
                }
            }
        }
    }

    /** @RegisterForReflection on the type, on a class that names it in targets, or on its enclosing class (nested too). */
    static boolean registered(Class<?> type, JavaClasses classes) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            RegisterForReflection r = c.getAnnotation(RegisterForReflection.class);
            if (r != null && (c == type || !r.ignoreNested())) {
                return true;
            }
        }
        return classes.stream().map(c -> c.reflect().getAnnotation(RegisterForReflection.class)).filter(r -> r != null)
                .anyMatch(r -> List.of(r.targets()).contains(type) || List.of(r.classNames()).contains(type.getName()));
    }

    private static boolean calls(JavaCodeUnit unit, String ownerPrefix, Set<String> names) {
        return unit.getMethodCallsFromSelf().stream().anyMatch(call -> names.contains(call.getName())
                && call.getTargetOwner().getName().startsWith(ownerPrefix));
    }

    private static boolean hasJacksonAnnotation(Class<?> c) {
        return members(c).flatMap(m -> Stream.of(m.getAnnotations())).map(Annotation::annotationType)
                .anyMatch(a -> a.getName().startsWith("com.fasterxml.jackson."));
    }

    private static Stream<AnnotatedElement> members(Class<?> c) {
        Stream<AnnotatedElement> components = c.isRecord() ? Stream.of(c.getRecordComponents()).map(RecordComponent.class::cast)
                : Stream.empty();
        return Stream.of(Stream.<AnnotatedElement>of(c), Stream.<AnnotatedElement>of(c.getDeclaredFields()),
                Stream.<AnnotatedElement>of(c.getDeclaredMethods()), components).flatMap(s -> s);
    }
}
