package io.restlive.processor.groups;

import io.restlive.core.groups.GroupSpecs;
import io.restlive.core.views.SubscriptionContext;
import io.restlive.core.views.View;
import io.restlive.core.views.ViewsFile;
import io.restlive.processor.entities.Pks;
import io.restlive.schemas.GroupSpec;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Turns a group spec into a {@link LiveGroup} against this processor's views file. A spec naming a view
 * the file does not have (an edge running a newer file) is logged once per view name and ignored.
 */
public final class GroupFactory {

    private static final Logger log = LoggerFactory.getLogger(GroupFactory.class);

    private final ViewsFile views;
    private final Set<String> warnedViews = ConcurrentHashMap.newKeySet();

    /** @param views the processor's views file */
    public GroupFactory(ViewsFile views) {
        this.views = views;
    }

    /** The live group of a spec, or empty if its view is unknown or the spec is unusable (logged). */
    public Optional<LiveGroup> create(String groupKey, GroupSpec spec) {
        Optional<View> view = views.view(spec.getView());
        if (view.isEmpty()) {
            if (warnedViews.add(spec.getView())) {
                log.warn("Ignoring groups of view '{}': it is not in this processor's views file "
                        + "(is an edge running a different file?)", spec.getView());
            }
            return Optional.empty();
        }
        try {
            SubscriptionContext context = GroupSpecs.context(spec);
            JsonNode target = GroupSpecs.targetPk(spec);
            if (target == null && "retrieve".equals(spec.getAction())) {
                throw new IllegalArgumentException("a retrieve group without a targetPk");
            }
            String targetKey = target == null ? null : Pks.keyText(target);
            Optional<Object> indexValue = target == null ? view.get().indexValue(context) : Optional.empty();
            return Optional.of(new LiveGroup(groupKey, view.get(), context, targetKey, indexValue));
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring group {} of view '{}': {}", groupKey, spec.getView(), e.getMessage());
            return Optional.empty();
        }
    }
}
