package dev.xy.gui;

import javafx.application.Application;

/**
 * The app's entry point. A plain class on purpose: on the class path (and for jpackage's {@code --main-class}) the
 * JVM refuses to start a main class that extends {@link Application} ("JavaFX runtime components are missing").
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        Application.launch(XyApp.class, args);
    }
}
