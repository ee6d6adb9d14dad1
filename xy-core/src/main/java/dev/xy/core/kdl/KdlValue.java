package dev.xy.core.kdl;

import java.util.Optional;

/** A KDL value: an argument, a property value. Each remembers its type annotation and where it was written. */
public sealed interface KdlValue permits KdlString, KdlNumber, KdlBoolean, KdlNull {
    /** The type annotation, such as {@code u8} in {@code (u8)3}. */
    Optional<String> type();

    KdlLocation location();

    /** How the value is described in error messages: "a string", "a number", ... */
    String kindName();
}
