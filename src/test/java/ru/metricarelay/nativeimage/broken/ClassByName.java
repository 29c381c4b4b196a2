package ru.metricarelay.nativeimage.broken;

/** Planted for NativeReadinessTest: a class picked by a name that comes from data. */
public final class ClassByName {

    private ClassByName() {
    }

    public static Object make(String className) throws ReflectiveOperationException {
        return Class.forName(className).getDeclaredConstructor().newInstance();
    }
}
