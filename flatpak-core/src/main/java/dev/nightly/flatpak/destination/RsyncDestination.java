package dev.nightly.flatpak.destination;

import dev.nightly.flatpak.FlatpakFailureException;
import dev.nightly.flatpak.FlatpakInputException;
import dev.nightly.flatpak.pause.PausePoints;
import dev.nightly.flatpak.process.Command;
import dev.nightly.flatpak.process.CommandExecutor;
import dev.nightly.flatpak.process.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A directory reached with rsync, usually {@code [user@]host:/path} over SSH. The sync runs one rsync
 * per phase of the {@link SyncPlan}, in order (the summary pair switches with one link, see
 * {@link SummaryLayout}); deletions are a last {@code --delete} pass over {@code repo/}.
 *
 * <p>The publishing lock is a file on this machine (one per destination), so publishers serialize when
 * they run on the same machine, which is how a CI's publishing job runs. The remote has no lock.
 */
public final class RsyncDestination implements Destination {
    private static final int RSYNC_PARTIAL_TRANSFER = 23;

    private final String target;
    private final String rsh;
    private final Path lockDirectory;
    private final CommandExecutor executor;
    private final Tools tools;

    /**
     * @param target        rsync target directory, e.g. {@code deploy@web.example.org:/srv/flatpak}
     * @param rsh           remote shell, e.g. {@code ssh -i /path/key -o BatchMode=yes}; null for rsync's default
     * @param lockDirectory where the lock files live on this machine
     */
    public RsyncDestination(String target, String rsh, Path lockDirectory, CommandExecutor executor, Tools tools) {
        this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
        this.rsh = rsh;
        this.lockDirectory = lockDirectory;
        this.executor = executor;
        this.tools = tools;
    }

    @Override
    public String describe() {
        return target;
    }

    @Override
    public void checkWritable() {
        // A dry run lists the remote side through the same transport: unknown host, refused SSH key or a
        // missing parent directory fail here, before anything is changed.
        Path empty = null;
        try {
            empty = Files.createTempDirectory("nightly-rsync-probe");
            int exit = executor.exitCode(rsync().args("--dry-run", "-r", empty + "/", target + "/").build());
            if (exit != 0) {
                throw new FlatpakInputException("destination " + target + " is not reachable or not writable (rsync exit code "
                        + exit + ")");
            }
        } catch (IOException e) {
            throw new FlatpakFailureException("cannot create a temporary directory: " + e.getMessage(), e);
        } finally {
            if (empty != null) {
                try {
                    Files.deleteIfExists(empty);
                } catch (IOException e) {
                    // a leftover empty directory in tmp is harmless
                }
            }
        }
    }

    @Override
    public DestinationLock lock() {
        try {
            Files.createDirectories(lockDirectory);
            String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(target.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
            return DestinationLock.acquire(lockDirectory.resolve(name + ".lock"));
        } catch (IOException e) {
            throw new FlatpakInputException("cannot create lock file in " + lockDirectory + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean fetchRepository(Path stagingRoot) {
        int exit = executor.exitCode(rsync().args("--list-only", target + "/" + SyncPlan.REPO + "/config").build());
        if (exit == RSYNC_PARTIAL_TRANSFER) {
            return false;
        }
        if (exit != 0) {
            throw new FlatpakFailureException("cannot read " + target + " with rsync (exit code " + exit + ")");
        }
        Command.Builder pull = rsync().args("-rlpt", "--delete");
        SyncPlan.LOCAL_ONLY.forEach(name -> pull.arg("--exclude=/" + name));
        executor.run(pull.arg(target + "/" + SyncPlan.REPO + "/").arg(stagingRoot.resolve(SyncPlan.REPO) + "/").build());
        return true;
    }

    @Override
    public void sync(Path stagingRoot, SyncPlan plan) {
        List<String> steps = new ArrayList<>();
        plan.phases().stream().filter(phase -> !phase.paths().isEmpty()).forEach(phase -> steps.add("before " + phase.name()));
        steps.add("before deletions");
        List<Command> commands = commands(stagingRoot, plan);
        for (int i = 0; i < commands.size(); i++) {
            PausePoints.reach(steps.get(i), executor.log());
            executor.run(commands.get(i));
        }
    }

    /** The rsync commands of a sync, in order (visible for tests). */
    public List<Command> commands(Path stagingRoot, SyncPlan plan) {
        List<Command> commands = new ArrayList<>();
        for (SyncPlan.Phase phase : plan.phases()) {
            if (phase.paths().isEmpty()) {
                continue;
            }
            // "root/./repo/objects" with --relative recreates repo/objects under the target. rsync replaces a
            // changed symbolic link by creating it under a temporary name and renaming it, so the summary
            // switch (one link, SummaryLayout) is atomic on the remote side too.
            Command.Builder copy = rsync().args("-rlptR");
            String source = phase.source().isEmpty() ? stagingRoot.toString() : stagingRoot.resolve(phase.source()).toString();
            phase.paths().forEach(path -> copy.arg(source + "/./" + path));
            commands.add(copy.arg(target + "/").build());
        }
        Command.Builder delete = rsync().args("-rlpt", "--delete");
        SyncPlan.LOCAL_ONLY.forEach(name -> delete.arg("--exclude=/" + name));
        commands.add(delete.arg(stagingRoot.resolve(plan.deleteUnder()) + "/")
                .arg(target + "/" + plan.deleteUnder() + "/").build());
        return commands;
    }

    private Command.Builder rsync() {
        Command.Builder rsync = Command.of(tools.rsync());
        if (rsh != null && !rsh.isBlank()) {
            rsync.args("-e", rsh);
        }
        return rsync;
    }

    @Override
    public String verificationUrl(String publicRepoUrl) {
        return publicRepoUrl;
    }
}
