package io.restlive.e2e.support;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Signals to a stack's process, from outside the product: pause and resume (SIGSTOP, SIGCONT), as a long GC
 * pause or a frozen VM would, and kill -9 (SIGKILL), as a lost node would.
 */
public final class Signals {

    private Signals() {
    }

    /** Freezes the process until {@link #resume}. */
    public static void pause(long pid) {
        send("-STOP", pid);
    }

    /** Lets a paused process run again. */
    public static void resume(long pid) {
        send("-CONT", pid);
    }

    /** Kills the process at once, without letting it clean up. */
    public static void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    private static void send(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill " + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending " + signal + " to " + pid, e);
        }
    }
}
