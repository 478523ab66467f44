package io.github.rethinkinggeneralization.model;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Applies {@link CpuBackendSettings} when a test JVM's JUnit session opens, before any test can
 * load ND4J's native libraries (registered in {@code META-INF/services}), so unit tests and the
 * claim suite run with the same kernels however their classes are ordered.
 */
public final class CpuBackendSession implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        CpuBackendSettings.apply();
    }
}
