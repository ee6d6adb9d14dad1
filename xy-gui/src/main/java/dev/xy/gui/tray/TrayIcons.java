package dev.xy.gui.tray;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.Map;

/**
 * Draws the tray glyph: a ring with a mark, in three looks. The mark tells the look apart without colour: a
 * check (all fine), a half-filled dot (starting), a cross (failed).
 */
public final class TrayIcons {
    private static final int SIZE = 64;
    private static final Map<TrayLook, BufferedImage> CACHE = new EnumMap<>(TrayLook.class);

    private TrayIcons() {}

    public static synchronized BufferedImage of(TrayLook look) {
        return CACHE.computeIfAbsent(look, l -> draw(l, SIZE));
    }

    /** The glyph drawn at {@code size} pixels square: the packaged app's icon is this at 256 (see packaging/). */
    public static BufferedImage draw(TrayLook look, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.scale(size / (double) SIZE, size / (double) SIZE);
            Color colour =
                    switch (look) {
                        case FINE -> new Color(0x1a7f37);
                        case STARTING -> new Color(0xbf8700);
                        case FAILED -> new Color(0xcf222e);
                    };
            g.setColor(colour);
            g.setStroke(new BasicStroke(7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.drawOval(6, 6, SIZE - 12, SIZE - 12);
            switch (look) {
                case FINE -> {
                    g.drawLine(20, 33, 28, 42);
                    g.drawLine(28, 42, 44, 22);
                }
                case STARTING -> g.fillArc(20, 20, SIZE - 40, SIZE - 40, 90, 180);
                case FAILED -> {
                    g.drawLine(22, 22, 42, 42);
                    g.drawLine(42, 22, 22, 42);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
