package io.proximadb.kernel.storage;

import io.proximadb.spi.fs.FileSystem;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Predicate;

/** A filesystem whose {@code create} fails as on a full disk for the paths {@code failing} accepts, at the time of the call. */
final class FailingCreates {

    private FailingCreates() {
    }

    static FileSystem wrap(FileSystem fs, Predicate<String> failing) {
        return (FileSystem) Proxy.newProxyInstance(FileSystem.class.getClassLoader(), new Class<?>[] {FileSystem.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("create") && failing.test(String.valueOf(args[0]))) {
                        throw new IOException("no space left on device: " + args[0]);
                    }
                    try {
                        return method.invoke(fs, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
