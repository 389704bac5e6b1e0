package io.restlive.edge.fanout;

import io.restlive.edge.groups.LocalGroups;
import io.restlive.edge.protocol.Connection;
import io.restlive.edge.protocol.Frames;
import io.restlive.schemas.ChangeBroadcast;
import io.restlive.schemas.GroupBroadcast;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivers one change's broadcast to this edge's subscribers: each group's frame is built once (only
 * the subscription id differs), and each connection gets its frames in subscription order. An entry
 * addressed to a catch-up key goes to the one subscriber waiting under it.
 */
public final class BroadcastDelivery {

    private record Frame(long sequence, String text) {
    }

    private final LocalGroups groups;

    public BroadcastDelivery(LocalGroups groups) {
        this.groups = groups;
    }

    /** Sends the frames of one change; returns how many were sent. */
    public int deliver(ChangeBroadcast broadcast) {
        Map<Connection, List<Frame>> byConnection = new IdentityHashMap<>();
        for (GroupBroadcast group : broadcast.getGroups()) {
            List<LocalGroups.Member> members = groups.recipients(group);
            if (members.isEmpty()) {
                continue;
            }
            String head = Frames.broadcastHead();
            String tail = Frames.broadcastTail(broadcast.getModel(), group.getAction().name(), group.getInstance());
            for (LocalGroups.Member member : members) {
                byConnection.computeIfAbsent(member.connection(), c -> new ArrayList<>(2))
                        .add(new Frame(member.subscription().sequence(), head + member.subscription().idJson() + tail));
            }
        }
        int sent = 0;
        for (Map.Entry<Connection, List<Frame>> entry : byConnection.entrySet()) {
            List<Frame> frames = entry.getValue();
            frames.sort(Comparator.comparingLong(Frame::sequence));
            for (Frame frame : frames) {
                entry.getKey().send(frame.text());
                sent++;
            }
        }
        return sent;
    }
}
