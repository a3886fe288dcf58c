package io.jenkins.plugins.flatpak.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.Set;

/** What the two step descriptors share: the required context and form helpers. */
public final class FlatpakSteps {
    /** Both steps run inside {@code node}: they need its workspace, launcher and environment. */
    public static final Set<? extends Class<?>> REQUIRED_CONTEXT =
            Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class);

    private FlatpakSteps() {
    }

    /** The choices of flatpakBuild's {@code fuse}. */
    public static ListBoxModel fuseItems() {
        ListBoxModel items = new ListBoxModel();
        items.add("auto: use rofiles-fuse where /dev/fuse works", "auto");
        items.add("enabled: always use rofiles-fuse", "enabled");
        items.add("disabled: --disable-rofiles-fuse (containers)", "disabled");
        return items;
    }

    /** A required path field: an error when empty. */
    public static FormValidation checkRequiredPath(String value, String what) {
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.error("Required: " + what + ", relative to the workspace");
        }
        return FormValidation.ok();
    }
}
