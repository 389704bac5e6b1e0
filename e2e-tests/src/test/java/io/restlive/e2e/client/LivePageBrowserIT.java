package io.restlive.e2e.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.e2e.support.StackExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The todolist example's live page (on @rest-live/client) in a real browser, headless Chromium: two pages,
 * as two users; a task added through one page's form appears in the other; the edge is restarted, the pages
 * reconnect by themselves, and a task added after that appears too, without reloading either page. A
 * screenshot of each page is kept with the test reports.
 */
class LivePageBrowserIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(1, builder -> builder.withApp(true));

    private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(90);
    private static final String LIVE = "^live \\(";
    private static final Path SCREENSHOTS = Path.of("target", "failsafe-reports", "LivePageBrowserIT");

    private static LivePages pages;

    @BeforeAll
    static void startTheBrowser() throws Exception {
        pages = LivePages.start();
    }

    @AfterAll
    static void stopTheBrowser() throws InterruptedException {
        if (pages != null) {
            pages.close();
        }
    }

    @Test
    void shouldShowAChangeMadeOnOnePageOnTheOtherBeforeAndAfterTheEdgeRestarts() throws Exception {
        // given: two pages of the app, both live on the edge
        URI page = URI.create(STACK.stack().appUrl() + "/?ws=" + STACK.subscribeUrl(1));
        pages.open(page, 2);
        String status = pages.awaitStatus(0, LIVE, LIVE_TIMEOUT);
        pages.awaitStatus(1, LIVE, LIVE_TIMEOUT);
        System.out.println("[e2e LivePageBrowserIT] page 0: " + status);

        // when: a task is added through the first page's form
        pages.add(0, "Buy milk");

        // then: the second page shows it, and so does the first
        pages.awaitTask(1, "Buy milk", LIVE_TIMEOUT);
        pages.awaitTask(0, "Buy milk", LIVE_TIMEOUT);

        // when: the edge restarts under the pages
        int[] socketsBefore = {pages.websockets(0), pages.websockets(1)};
        RestartedEdge.restart(STACK.stack(), 1);
        pages.awaitStatus(0, LIVE, LIVE_TIMEOUT);
        pages.awaitStatus(1, LIVE, LIVE_TIMEOUT);
        assertThat(pages.websockets(0)).as("page 0 connected again").isGreaterThan(socketsBefore[0]);
        assertThat(pages.websockets(1)).as("page 1 connected again").isGreaterThan(socketsBefore[1]);

        // and a task is added through the second page once both are live again
        pages.add(1, "Buy eggs");

        // then: the first page shows it, without having been reloaded
        pages.awaitTask(0, "Buy eggs", LIVE_TIMEOUT);
        pages.awaitTask(1, "Buy eggs", LIVE_TIMEOUT);
        assertThat(pages.neverReloaded(0)).as("page 0 is the document first loaded").isTrue();
        assertThat(pages.neverReloaded(1)).as("page 1 is the document first loaded").isTrue();
        assertThat(pages.tasks(0)).containsExactly("Buy milk", "Buy eggs");
        assertThat(pages.tasks(1)).containsExactly("Buy milk", "Buy eggs");
        pages.screenshot(0, SCREENSHOTS.resolve("page-0-after-edge-restart.png"));
        pages.screenshot(1, SCREENSHOTS.resolve("page-1-after-edge-restart.png"));
        System.out.println("[e2e LivePageBrowserIT] screenshots in " + SCREENSHOTS.toAbsolutePath()
                + "; pages' console:\n" + pages.log());
    }
}
