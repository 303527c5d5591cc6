package io.proximadb.server.http;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Runs an action when the process receives SIGTERM or SIGINT, instead of the JVM's default of
 * exiting at once. The server then shuts down on its main thread while logging still works, and
 * the process exits 0; a plain shutdown hook would race the JDK's own hooks (which close the log
 * handlers) and exit 143, which supervisors read as a failure.
 *
 * <p>Goes through {@code sun.misc.Signal} (module {@code jdk.unsupported}, supported on every JDK
 * we run on) by reflection, because compiling against it warns on every build. Where it is
 * missing, {@link #install} returns false and the caller falls back to a shutdown hook.
 */
final class TerminationSignals {

    private static final System.Logger LOG = System.getLogger(TerminationSignals.class.getName());

    private TerminationSignals() {
    }

    /** Calls {@code action} on the JVM's signal thread for each SIGTERM or SIGINT; true if installed. */
    static boolean install(Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            InvocationHandler onSignal = (proxy, method, arguments) -> dispatch(method, action, proxy, arguments);
            Object handler = Proxy.newProxyInstance(TerminationSignals.class.getClassLoader(),
                    new Class<?>[] {handlerType}, onSignal);
            Method handle = signal.getMethod("handle", signal, handlerType);
            for (String name : new String[] {"TERM", "INT"}) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot handle SIGTERM directly (" + e + "); using a shutdown hook");
            return false;
        }
    }

    private static Object dispatch(Method method, Runnable action, Object proxy, Object[] arguments) {
        return switch (method.getName()) {
            case "handle" -> {
                action.run();
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == arguments[0];
            default -> "TerminationSignals.handler";
        };
    }
}
