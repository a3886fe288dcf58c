package dev.nightly.flatpak;

import dev.nightly.flatpak.testkit.FlatpakTestEnvironment;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One isolated flatpak world (GPG key, tiny runtime and SDK installed) for all test classes of a test
 * run: making it is the expensive part, using it is not. Closed - agents stopped, files deleted - when
 * the run ends. Each test class works in its own subdirectory of {@link #root()}.
 */
public final class SharedWorld implements BeforeAllCallback {
    public static final String RUNTIME = "org.nightly.test.Platform";
    public static final String SDK = "org.nightly.test.Sdk";

    private static World world;

    /** The world's parts. */
    public record World(FlatpakTestEnvironment env, String key, java.nio.file.Path runtimeRepo)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            env.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(SharedWorld.class, k -> create(),
                World.class);
    }

    private static synchronized World create() {
        if (world == null) {
            FlatpakTestEnvironment env = FlatpakTestEnvironment.create();
            String key = env.generateKey("Nightly Test");
            world = new World(env, key, env.installTinyRuntime(RUNTIME, SDK, key));
        }
        return world;
    }

    /**
     * Builds the hello app {@code appId}, printing {@code message}, into {@code work/build-repo} (branch
     * {@code nightly}, signed with the world's key), from sources in {@code work/src}.
     */
    public static dev.nightly.flatpak.build.BuildResult buildHello(java.nio.file.Path work, String appId, String message,
                                                                 java.io.PrintStream log) {
        World w = world();
        java.nio.file.Path manifest = FlatpakTestEnvironment.writeHelloApp(work.resolve("src"), appId, RUNTIME, SDK, message);
        return new dev.nightly.flatpak.build.FlatpakBuild(w.env().runner(log), log).build(
                dev.nightly.flatpak.build.BuildOptions.builder(manifest, work.resolve("build-repo")).branch("nightly")
                        .subject(message).signing(dev.nightly.flatpak.gpg.GpgSigning.key(w.key(), w.env().gnupgHome())).build());
    }

    /** The world; the test class must be annotated with {@code @ExtendWith(SharedWorld.class)}. */
    public static synchronized World world() {
        if (world == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SharedWorld.class)");
        }
        return world;
    }
}
