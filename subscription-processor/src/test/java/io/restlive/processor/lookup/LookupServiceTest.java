package io.restlive.processor.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import io.restlive.processor.entities.StoredEntity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class LookupServiceTest {

    private static final HostInfo OTHER = new HostInfo("other", 8081);
    private static final HostInfo THIRD = new HostInfo("third", 8081);

    private final FakeStores stores = new FakeStores();
    private final List<HostInfo> asked = new ArrayList<>();
    private Map<HostInfo, LookupResult> answers = Map.of();
    private final LookupService service = new LookupService(stores, (host, query) -> {
        asked.add(host);
        return answers.getOrDefault(host, new LookupResult.NotFound());
    }, Duration.ZERO, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    @Test
    void shouldFindAnEntityByPkLenientlyBetweenNumberAndNumericString() throws Exception {
        // given
        stores.entities.put("todolist.Task|1", live(1, "{\"id\":1}"));
        stores.entities.put("todolist.Tag|\"7\"", StoredEntity.live(Json.NODES.stringNode("7"),
                Json.parseObject("{\"name\":\"seven\"}"), null, 1));

        // when / then
        assertThat(service.lookup(LookupQuery.parse("todolist.Task", "pk", "1"), false)).isInstanceOf(LookupResult.Found.class);
        assertThat(service.lookup(LookupQuery.parse("todolist.Task", "pk", "\"1\""), false))
                .isEqualTo(new LookupResult.Found(Json.NODES.numberNode(1L), Json.parseObject("{\"id\":1}"), 1));
        assertThat(service.lookup(LookupQuery.parse("todolist.Tag", "pk", "7"), false))
                .satisfies(r -> assertThat(((LookupResult.Found) r).pk().asString()).isEqualTo("7"));
        assertThat(asked).isEmpty();
    }

    @Test
    void shouldFindAnEntityByAnotherFieldLeniently() throws Exception {
        // given
        stores.entities.put("todolist.Task|1", live(1, "{\"id\":1,\"slug\":\"milk\",\"rank\":3}"));
        stores.entities.put("todolist.Task|2", live(2, "{\"id\":2,\"slug\":\"bread\",\"rank\":\"4\"}"));

        // when / then
        assertThat(found(service.lookup(LookupQuery.parse("todolist.Task", "slug", "\"bread\""), false))).isEqualTo(2);
        assertThat(found(service.lookup(LookupQuery.parse("todolist.Task", "rank", "\"3\""), false))).isEqualTo(1);
        assertThat(found(service.lookup(LookupQuery.parse("todolist.Task", "rank", "4"), false))).isEqualTo(2);
    }

    @Test
    void shouldNotFindTombstonedEntities() throws Exception {
        // given
        stores.entities.put("todolist.Task|1", StoredEntity.tombstone(Json.NODES.numberNode(1), 5, 2));

        // when / then
        assertThat(service.lookup(LookupQuery.parse("todolist.Task", "pk", "1"), false))
                .isInstanceOf(LookupResult.NotFound.class);
        assertThat(service.lookup(LookupQuery.parse("todolist.Task", "id", "1"), false))
                .isInstanceOf(LookupResult.NotFound.class);
    }

    @Test
    void shouldAskOnlyTheInstanceRunningTheEntitysTaskForAPk() throws Exception {
        // given: the entity's task runs elsewhere; a third instance exists too
        stores.remoteOwners.put("todolist.Task|1", OTHER);
        stores.others.addAll(List.of(THIRD, OTHER));
        answers = Map.of(OTHER, new LookupResult.Found(Json.NODES.numberNode(1), Json.parseObject("{\"id\":1}"), 0));

        // when
        LookupResult result = service.lookup(LookupQuery.parse("todolist.Task", "pk", "1"), false);

        // then
        assertThat(found(result)).isEqualTo(1);
        assertThat(asked).containsExactly(OTHER);
    }

    @Test
    void shouldAskEveryOtherInstanceForAnotherFieldAfterItsOwnTasks() throws Exception {
        // given
        stores.others.addAll(List.of(THIRD, OTHER));
        answers = Map.of(OTHER, new LookupResult.Found(Json.NODES.numberNode(4), Json.parseObject("{\"id\":4}"), 0));

        // when
        LookupResult result = service.lookup(LookupQuery.parse("todolist.Task", "slug", "\"x\""), false);

        // then
        assertThat(found(result)).isEqualTo(4);
        assertThat(asked).containsExactly(THIRD, OTHER);
    }

    @Test
    void shouldAnswerFromLocalStoresOnlyWhenForwarded() throws Exception {
        // given
        stores.others.add(OTHER);

        // when
        LookupResult result = service.lookup(LookupQuery.parse("todolist.Task", "slug", "\"x\""), true);

        // then
        assertThat(result).isInstanceOf(LookupResult.NotFound.class);
        assertThat(asked).isEmpty();
    }

    @Test
    void shouldSayNotReadyWhenForwardedToAnInstanceTheTaskHasLeft() throws Exception {
        // given: the asker thought this instance ran the task; it has moved to OTHER since
        stores.remoteOwners.put("todolist.Task|1", OTHER);

        // when
        LookupResult result = service.lookup(LookupQuery.parse("todolist.Task", "pk", "1"), true);

        // then: not a false "not found"; the asker tries again
        assertThat(result).isInstanceOf(LookupResult.NotReady.class);
        assertThat(asked).isEmpty();
    }

    @Test
    void shouldSayUnavailableWhenAnotherInstanceThatMightHoldTheEntityDoesNotAnswer() throws Exception {
        // given
        stores.others.add(OTHER);
        answers = Map.of(OTHER, new LookupResult.Unavailable("connection refused"));

        // when
        LookupResult result = service.lookup(LookupQuery.parse("todolist.Task", "slug", "\"x\""), false);

        // then
        assertThat(result).isInstanceOf(LookupResult.Unavailable.class);
    }

    @Test
    void shouldNeverAnswerNotFoundBeforeTheOwnerIsReady() throws Exception {
        // given: the entity exists, but the task has not caught up with its backlog yet
        stores.entities.put("todolist.Task|1", live(1, "{\"id\":1}"));
        stores.ready = false;

        // when
        LookupResult result = service.lookup(LookupQuery.parse("todolist.Task", "pk", "1"), false);

        // then
        assertThat(result).isInstanceOf(LookupResult.NotReady.class);
        assertThat(stores.readinessChecks).isPositive();
    }

    @Test
    void shouldSayNotReadyWhileNoInstanceRunsTheTaskOrStoresMoveAway() throws Exception {
        // given
        stores.ownersKnown = false;

        // when / then
        assertThat(service.lookup(LookupQuery.parse("todolist.Task", "pk", "1"), false))
                .isInstanceOf(LookupResult.NotReady.class);

        // given
        stores.ownersKnown = true;
        stores.storesMigrated = true;

        // when / then
        assertThat(service.lookup(LookupQuery.parse("todolist.Task", "pk", "1"), false))
                .isInstanceOf(LookupResult.NotReady.class);
    }

    private static StoredEntity live(long pk, String instance) {
        return StoredEntity.live(Json.NODES.numberNode(pk), Json.parseObject(instance), null, 1);
    }

    private static long found(LookupResult result) {
        assertThat(result).isInstanceOf(LookupResult.Found.class);
        return ((LookupResult.Found) result).pk().longValue();
    }
}
