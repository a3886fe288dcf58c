package dev.nightly.flatpak.destination;

import dev.nightly.flatpak.process.CommandExecutor;
import dev.nightly.flatpak.process.Tools;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Turns a destination as users write it into a {@link Destination}. */
public final class Destinations {
    /** {@code host:path} or {@code user@host:path}, as rsync and scp read it (a colon before any slash). */
    private static final Pattern REMOTE = Pattern.compile("^[^/:]+:.*");

    private Destinations() {
    }

    /**
     * {@code /srv/www/flatpak} (or any path) is a {@link LocalDestination}; {@code [user@]host:/path} is
     * an {@link RsyncDestination} over {@code rsh} (null: rsync's default, ssh).
     */
    public static Destination parse(String spec, String rsh, CommandExecutor executor, Tools tools) {
        if (REMOTE.matcher(spec).matches()) {
            Path locks = Path.of(System.getProperty("java.io.tmpdir"), "nightly-flatpak-locks");
            return new RsyncDestination(spec, rsh, locks, executor, tools);
        }
        return new LocalDestination(Path.of(spec), executor.log());
    }

    /** Whether {@code spec} names a remote rsync destination. */
    public static boolean isRemote(String spec) {
        return REMOTE.matcher(spec).matches();
    }

}
