package io.restlive.core.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ViewsFileTest {

    private static ViewsFileException failure(String yaml) {
        try {
            ViewsFile.parse(yaml, "views.yaml");
        } catch (ViewsFileException e) {
            return e;
        }
        throw new AssertionError("expected the file to be rejected:\n" + yaml);
    }

    @Test
    void shouldLoadTheTodolistExample() {
        ViewsFile file = ViewsFile.load(Path.of("../examples/todolist/views.yaml"));

        assertThat(file.views()).extracting(View::name).containsExactly("tasks", "lists");
        Endpoint endpoint = file.endpoint("/ws/subscribe/").orElseThrow();
        assertThat(endpoint.isPublic()).isTrue();
        assertThat(endpoint.viewFor("todolist.Task")).map(View::name).contains("tasks");
        assertThat(file.endpoint("/ws/subscribe")).isPresent();
    }

    @Test
    void shouldServeEveryViewAtTheDefaultEndpointWhenNoneIsDeclared() {
        ViewsFile file = ViewsFile.parse("views:\n  - name: tasks\n    model: todolist.Task\n", "t");

        assertThat(file.endpoint(ViewsFile.DEFAULT_ENDPOINT).orElseThrow().viewFor("todolist.Task")).isPresent();
        assertThat(file.view("tasks").orElseThrow().lookupField()).isEqualTo("pk");
    }

    @Test
    void shouldNameViewKeyAndProblemForABadExpression() {
        ViewsFileException e = failure("views:\n  - name: tasks\n    model: todolist.Task\n"
                + "    queryset: \"instance.list ==\"\n");

        assertThat(e.getMessage()).startsWith("views.yaml: view 'tasks', key 'queryset': ");
    }

    @Test
    void shouldRejectAnUndeclaredVariable() {
        assertThat(failure("views:\n  - name: tasks\n    model: todolist.Task\n    queryset: \"request.x == 1\"\n")
                .getMessage()).contains("view 'tasks', key 'queryset'").contains("request");
    }

    @Test
    void shouldRejectANonBooleanCondition() {
        assertThat(failure("views:\n  - name: t\n    model: a.B\n    permission: \"'yes'\"\n").getMessage())
                .contains("view 't', key 'permission': must be a boolean condition");
    }

    @Test
    void shouldRejectAPermissionThatReadsTheInstance() {
        assertThat(failure("views:\n  - name: t\n    model: a.B\n    permission: \"instance.x == 1\"\n")
                .getMessage()).contains("key 'permission'").contains("object-permission");
    }

    @Test
    void shouldRejectAnUnknownKey() {
        assertThat(failure("views:\n  - name: tasks\n    model: todolist.Task\n    querysett: \"true\"\n")
                .getMessage()).contains("view 'tasks': unknown key 'querysett'").contains("queryset");
    }

    @Test
    void shouldRejectAViewWithoutAModel() {
        assertThat(failure("views:\n  - name: tasks\n").getMessage())
                .isEqualTo("views.yaml: view 'tasks', key 'model': is required");
    }

    @Test
    void shouldRejectAnEndpointNamingAnUnknownView() {
        assertThat(failure("views:\n  - name: tasks\n    model: todolist.Task\nendpoints:\n"
                + "  - path: /ws/\n    views: [tasks, lists]\n").getMessage())
                .contains("endpoint '/ws/', key 'views': no view is named 'lists'");
    }

    @Test
    void shouldRejectTwoViewsOfOneModelOnOneEndpoint() {
        assertThat(failure("views:\n  - name: a\n    model: todolist.Task\n  - name: b\n    model: todolist.Task\n"
                + "endpoints:\n  - path: /ws/\n    views: [a, b]\n").getMessage())
                .contains("endpoint '/ws/'").contains("views 'a' and 'b' both serve model todolist.Task");
    }

    @Test
    void shouldAllowTwoViewsOfOneModelOnDifferentEndpoints() {
        ViewsFile file = ViewsFile.parse("views:\n  - name: a\n    model: todolist.Task\n  - name: b\n"
                + "    model: todolist.Task\nendpoints:\n  - path: /one/\n    views: [a]\n"
                + "  - path: /two/\n    public: false\n    views: [b]\n", "t");

        assertThat(file.endpoint("/two/").orElseThrow().isPublic()).isFalse();
    }

    @Test
    void shouldRejectABadComputedExpressionNamingIt() {
        assertThat(failure("views:\n  - name: t\n    model: a.B\n    serializers:\n"
                + "      - computed: {n: \"size(\"}\n").getMessage())
                .contains("view 't', serializers[0], computed 'n': ");
    }

    @Test
    void shouldRejectAnUnknownNaming() {
        assertThat(failure("views:\n  - name: t\n    model: a.B\n    naming: snake\n").getMessage())
                .contains("key 'naming': 'snake' is not one of as-is, camelCase");
    }

    @Test
    void shouldRejectAMissingFileWithItsPath() {
        assertThatThrownBy(() -> ViewsFile.load(Path.of("no/such/views.yaml")))
                .isInstanceOf(ViewsFileException.class)
                .hasMessageStartingWith("no/such/views.yaml: cannot read the views file");
    }
}
