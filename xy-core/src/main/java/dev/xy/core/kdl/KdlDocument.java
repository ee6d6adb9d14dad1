package dev.xy.core.kdl;

import java.util.List;

/** A parsed KDL document: its top-level nodes, in order. */
public record KdlDocument(List<KdlNode> nodes) {
    public KdlDocument {
        nodes = List.copyOf(nodes);
    }
}
