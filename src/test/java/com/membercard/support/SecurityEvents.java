package com.membercard.support;

import com.membercard.shared.security.SecurityEvent;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.context.event.EventListener;

/** Every security event the service published, as the tests see them (the service keeps its own log). */
public final class SecurityEvents {

    private final Queue<SecurityEvent> events = new ConcurrentLinkedQueue<>();

    @EventListener
    void on(SecurityEvent event) {
        events.add(event);
    }

    /** The events about {@code subject} (a username, an API key's name), oldest first. */
    public List<SecurityEvent> about(String subject) {
        return events.stream().filter(e -> subject.equals(e.subject())).toList();
    }

    public long count(String subject, SecurityEvent.Kind kind) {
        return about(subject).stream().filter(e -> e.kind() == kind).count();
    }
}
