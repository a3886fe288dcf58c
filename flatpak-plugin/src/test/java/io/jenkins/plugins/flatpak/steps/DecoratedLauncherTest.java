package io.jenkins.plugins.flatpak.steps;

import static org.assertj.core.api.Assertions.assertThat;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Launcher;
import hudson.LauncherDecorator;
import hudson.model.Node;
import hudson.model.Result;
import io.jenkins.plugins.flatpak.action.FlatpakBuildAction;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code container('flatpak') { }} (Kubernetes) and {@code docker.image(...).inside { }} run their
 * body's processes elsewhere by putting a {@link LauncherDecorator} into the body's context. The
 * flatpak steps run the engine on the agent's own machine, so inside such a block they refuse with one
 * line that says where to call them. {@code inOtherPlace} below decorates the launcher the same way
 * (it runs every process through {@code env}, so a {@code sh} inside still works).
 */
@WithJenkins
class DecoratedLauncherTest {
    @Test
    void bothStepsRefuseToRunInsideALauncherDecoratingBlock(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "in-container");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  inOtherPlace {
                    sh 'echo SHELL-RAN-DECORATED'
                    try {
                      flatpakPublish repo: 'repo', dest: 'www', url: 'https://example.org/x'
                    } catch (e) {
                      echo "PUBLISH REFUSED: ${e.message}"
                    }
                    flatpakBuild manifest: 'org.example.App.json', repo: 'repo'
                  }
                }
                """, true));

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("SHELL-RAN-DECORATED", run);
        assertThat(Prefixing.LAUNCHED).as("the decorator was in effect").isNotEmpty();
        r.assertLogContains("PUBLISH REFUSED: flatpakPublish runs on the agent itself and cannot run inside "
                + "container(), docker.image().inside or withDockerContainer; call it directly inside node", run);
        r.assertLogContains("flatpakBuild runs on the agent itself and cannot run inside container()", run);
        r.assertLogNotContains("not installed", run);
        assertThat(run.getAction(FlatpakBuildAction.class)).isNull();
    }

    /** A block step that decorates its body's launcher, as container() and withDockerContainer do. */
    public static final class InOtherPlaceStep extends Step implements Serializable {
        private static final long serialVersionUID = 1L;

        @DataBoundConstructor
        public InOtherPlaceStep() {
        }

        @Override
        public StepExecution start(StepContext context) {
            return new Execution(context);
        }

        private static final class Execution extends StepExecution {
            private static final long serialVersionUID = 1L;

            Execution(StepContext context) {
                super(context);
            }

            @Override
            public boolean start() throws Exception {
                getContext().newBodyInvoker()
                        .withContext(BodyInvoker.mergeLauncherDecorators(getContext().get(LauncherDecorator.class),
                                new Prefixing()))
                        .withCallback(BodyExecutionCallback.wrap(getContext()))
                        .start();
                return false;
            }
        }

        @TestExtension
        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public String getFunctionName() {
                return "inOtherPlace";
            }

            @Override
            public boolean takesImplicitBlockArgument() {
                return true;
            }

            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of();
            }
        }
    }

    /** Runs every process through {@code env}: what it starts still runs, but not as the step asked. */
    private static final class Prefixing extends LauncherDecorator implements Serializable {
        private static final long serialVersionUID = 1L;
        static final List<String> LAUNCHED = java.util.Collections.synchronizedList(new ArrayList<>());

        @NonNull
        @Override
        public Launcher decorate(@NonNull Launcher launcher, @NonNull Node node) {
            return new Launcher.DecoratedLauncher(launcher) {
                @Override
                public hudson.Proc launch(@NonNull Launcher.ProcStarter starter) throws IOException {
                    List<String> cmds = new ArrayList<>(List.of("env"));
                    cmds.addAll(starter.cmds());
                    LAUNCHED.add(String.join(" ", starter.cmds()));
                    return super.launch(starter.cmds(cmds));
                }
            };
        }
    }
}
