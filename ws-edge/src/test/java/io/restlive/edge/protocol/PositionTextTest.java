package io.restlive.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.schemas.TaskPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionTextTest {

    @Test
    void shouldReadBackWhatItWrote() {
        List<TaskPosition> positions = List.of(new TaskPosition(1, -7, 42L), new TaskPosition(0, 3, 0L));

        String text = PositionText.format(positions);

        assertThat(text).isEqualTo("v2:0.3.0,1.-7.42");
        assertThat(PositionText.parse(text, 2)).contains(List.of(new TaskPosition(0, 3, 0L), new TaskPosition(1, -7, 42L)));
    }

    @Test
    void shouldRefuseWhatIsNotAPositionOfThisServer() {
        assertThat(PositionText.parse("v1:0.1.1", 2)).isEmpty();
        assertThat(PositionText.parse("v2:2.1.1", 2)).as("a task this server does not have").isEmpty();
        assertThat(PositionText.parse("v2:0.1.1,0.1.2", 2)).as("a task twice").isEmpty();
        assertThat(PositionText.parse("v2:0.1", 2)).isEmpty();
        assertThat(PositionText.parse("v2:0.x.1", 2)).isEmpty();
        assertThat(PositionText.parse("v2:0.1.-1", 2)).isEmpty();
        assertThat(PositionText.parse(null, 2)).isEmpty();
        assertThat(PositionText.parse("v2:" + "0.1.1,".repeat(20_000), 2)).as("too long").isEmpty();
        assertThat(PositionText.parse("v2:", 2)).contains(List.of());
    }
}
