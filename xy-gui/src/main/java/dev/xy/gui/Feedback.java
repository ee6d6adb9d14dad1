package dev.xy.gui;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The one line where the window answers the user: what an action did, or why it was refused. Written on the
 * JavaFX thread only (view-models hop there first).
 */
public final class Feedback {
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper error = new ReadOnlyBooleanWrapper(this, "error", false);

    public void info(String text) {
        error.set(false);
        message.set(text);
    }

    public void error(String text) {
        error.set(true);
        message.set(text);
    }

    public void clear() {
        error.set(false);
        message.set("");
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
