package dev.nightly.flatpak.build;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether flatpak-builder may use rofiles-fuse. Containers usually have no FUSE. */
public enum FuseMode {
    /** Use it when /dev/fuse is usable and fusermount is installed; otherwise --disable-rofiles-fuse. */
    AUTO,
    /** Always use rofiles-fuse. */
    ENABLED,
    /** Always pass --disable-rofiles-fuse. */
    DISABLED;

    /** Whether to pass {@code --disable-rofiles-fuse} on this machine. */
    public boolean disable() {
        return switch (this) {
            case ENABLED -> false;
            case DISABLED -> true;
            case AUTO -> !fuseAvailable();
        };
    }

    static boolean fuseAvailable() {
        Path device = Path.of("/dev/fuse");
        if (!Files.isReadable(device) || !Files.isWritable(device)) {
            return false;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "fusermount")) || Files.isExecutable(Path.of(dir, "fusermount3"))) {
                return true;
            }
        }
        return false;
    }
}
