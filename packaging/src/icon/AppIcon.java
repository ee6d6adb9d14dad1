import dev.xy.gui.tray.TrayIcons;
import dev.xy.gui.tray.TrayLook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes the packaged app's icon from the tray glyph's own drawing code ({@link TrayIcons}), so the two never
 * drift apart: {@code xy-gui.png} at 256 px (Linux), and the PNGs of an {@code xy-gui.iconset} folder that macOS's
 * {@code iconutil} turns into {@code xy-gui.icns}.
 *
 * <p>Run by the {@code package} profile with the JDK's source launcher:
 * {@code java -cp xy-gui.jar:xy-core.jar AppIcon.java DIR}.
 */
public final class AppIcon {
    private static final int[] ICONSET_SIZES = {16, 32, 128, 256, 512};

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        write(256, dir.resolve("xy-gui.png"));
        Path iconset = Files.createDirectories(dir.resolve("xy-gui.iconset"));
        for (int size : ICONSET_SIZES) {
            write(size, iconset.resolve("icon_" + size + "x" + size + ".png"));
            write(size * 2, iconset.resolve("icon_" + size + "x" + size + "@2x.png"));
        }
    }

    private static void write(int size, Path file) throws IOException {
        if (!ImageIO.write(TrayIcons.draw(TrayLook.FINE, size), "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }
}
