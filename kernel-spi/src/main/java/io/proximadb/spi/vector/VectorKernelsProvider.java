package io.proximadb.spi.vector;

import java.lang.System.Logger.Level;

/**
 * Chooses the distance kernels once per process: the Panama Vector API kernels when the
 * {@code jdk.incubator.vector} module is present (the launcher adds it) and the CPU has SIMD
 * registers wider than 64 bits, the scalar kernels otherwise. The choice is logged once.
 *
 * <p>Setting the system property {@code proxima.vector.kernels=scalar} forces the scalar kernels.
 */
public final class VectorKernelsProvider {

    private VectorKernelsProvider() {
    }

    /** The fastest kernels available in this process. */
    public static VectorKernels best() {
        return Holder.BEST;
    }

    /** The Panama kernels, or {@code null} when the Vector API cannot be used in this process. */
    public static VectorKernels panamaOrNull() {
        return Holder.PANAMA;
    }

    // Initialised on first use, then immutable: the class-holder idiom keeps this free of races.
    private static final class Holder {
        private static final VectorKernels PANAMA = loadPanama();
        private static final VectorKernels BEST = choose();

        private static VectorKernels loadPanama() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                return null;
            }
            try {
                VectorKernels kernels = new PanamaVectorKernels();
                // Touch the species: on a CPU without usable SIMD this is where it fails.
                return kernels.dot(new float[] {1f}, new float[] {1f}) == 1f ? kernels : null;
            } catch (LinkageError | RuntimeException e) {
                return null;
            }
        }

        private static VectorKernels choose() {
            System.Logger log = System.getLogger(VectorKernelsProvider.class.getName());
            boolean forcedScalar = "scalar".equalsIgnoreCase(System.getProperty("proxima.vector.kernels"));
            if (PANAMA != null && !forcedScalar && !PANAMA.name().equals("panama-64")) {
                log.log(Level.INFO, "distance kernels: {0} (Panama Vector API)", PANAMA.name());
                return PANAMA;
            }
            String why = forcedScalar ? "forced by proxima.vector.kernels=scalar"
                    : PANAMA == null ? "jdk.incubator.vector not available; start the JVM with --add-modules jdk.incubator.vector"
                    : "no SIMD registers wider than 64 bits";
            log.log(Level.INFO, "distance kernels: scalar ({0})", why);
            return ScalarVectorKernels.INSTANCE;
        }
    }
}
