package io.restlive.processor.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import io.restlive.processor.entities.StateDigest;
import io.restlive.processor.entities.StoredEntity;
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
    });

    @Test
    void shouldFindAnEntityByPkLenientlyBetweenNumberAndNumericString() throws Exception {
        // given
        stores.entities.put("todolist.Task|1", live(1, "{\"id\":1}"));
        stores.entities.put("todolist.Tag|\"7\"", StoredEntity.live(Json.NODES.stringNode("7"),
                Json.parseObject("{\"name\":\"seven\"}"), null));

        // when / then
        assertThat(service.lookup(LookupQuery.parse("todolist.Task", "pk", "1"), false)).isInstanceOf(LookupResult.Found.class);
        assertThat(service.lookup(LookupQuery.parse("todolist.Task", "pk", "\"1\""), false))
                .isEqualTo(new LookupResult.Found(Json.NODES.numberNode(1L), Json.parseObject("{\"id\":1}"), StateDigest.of(Json.parseObject("{\"id\":1}"))));
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
        stores.entities.put("todolist.Task|1", StoredEntity.tombstone(Json.NODES.numberNode(1), 5));

        // when / then
        assertThat(service.lookup(LookupQuery.parse("todolist.Task", "pk", "1"), false))
                .isInstanceOf(LookupResult.NotFound.class);
        assertThat(service.lookup(LookupQuery.parse("todolist.Task", "id", "1"), false))
                .isInstanceOf(LookupResult.NotFound.class);
    }

    @Test
    void shouldAskTheKeysActiveHostFirstAndThenTheOthers() throws Exception {
        // given
        stores.remoteOwners.put("todolist.Task|1", OTHER);
        stores.others.addAll(List.of(THIRD, OTHER));
        answers = Map.of(THIRD, new LookupResult.Found(Json.NODES.numberNode(1), Json.parseObject("{\"id\":1}"), "d"));

        // when
        LookupResult result = service.lookup(LookupQuery.parse("todolist.Task", "pk", "1"), false);

        // then
        assertThat(found(result)).isEqualTo(1);
        assertThat(asked).containsExactly(OTHER, THIRD);
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
    void shouldSayUnavailableWhenAnInstanceThatMightHoldTheEntityDoesNotAnswer() throws Exception {
        // given
        stores.others.add(OTHER);
        answers = Map.of(OTHER, new LookupResult.Unavailable("connection refused"));

        // when
        LookupResult result = service.lookup(LookupQuery.parse("todolist.Task", "pk", "1"), false);

        // then
        assertThat(result).isInstanceOf(LookupResult.Unavailable.class);
    }

    @Test
    void shouldSayNotReadyWhileStreamsIsNotRunningOrStoresMoveAway() throws Exception {
        // given
        stores.ready = false;

        // when / then
        assertThat(service.lookup(LookupQuery.parse("todolist.Task", "pk", "1"), false))
                .isInstanceOf(LookupResult.NotReady.class);

        // given
        stores.ready = true;
        stores.storesMigrated = true;

        // when / then
        assertThat(service.lookup(LookupQuery.parse("todolist.Task", "pk", "1"), false))
                .isInstanceOf(LookupResult.NotReady.class);
    }

    private static StoredEntity live(long pk, String instance) {
        return StoredEntity.live(Json.NODES.numberNode(pk), Json.parseObject(instance), null);
    }

    private static long found(LookupResult result) {
        assertThat(result).isInstanceOf(LookupResult.Found.class);
        return ((LookupResult.Found) result).pk().longValue();
    }
}
