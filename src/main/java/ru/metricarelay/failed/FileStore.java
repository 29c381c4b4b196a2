package ru.metricarelay.failed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * sink=file: one JSON line per failed event. Appends and the replay's rewrite hold the same lock, so
 * an event that fails while a replay runs is never lost; the rewrite goes through a temp file and an
 * atomic move, so a crash leaves either the old file or the new one. One relay process per file.
 */
final class FileStore implements Store {

    private final Path file;

    FileStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    @Override
    public synchronized void put(String json) throws IOException {
        createPrivately();
        Files.writeString(file, json + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    @Override
    public synchronized List<Stored> take(int limit, Duration hold) throws IOException {
        return lines().stream().limit(limit).map(line -> new Stored(line, null)).toList();
    }

    /** Drops one line per replayed event; lines appended meanwhile and lines that failed again stay. */
    @Override
    public synchronized void remove(List<Stored> done) throws IOException {
        if (done.isEmpty()) {
            return;
        }
        Map<String, Integer> toDrop = new HashMap<>();
        done.forEach(s -> toDrop.merge(s.json(), 1, Integer::sum));
        List<String> keep = new ArrayList<>();
        for (String line : lines()) {
            Integer n = toDrop.get(line);
            if (n != null && n > 0) {
                toDrop.put(line, n - 1);
            } else {
                keep.add(line);
            }
        }
        // createTempFile makes the file rw------- on POSIX systems: the replacement is as private as the original
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, keep, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void release(List<Stored> kept) {
        // nothing was taken out of the file
    }

    @Override
    public synchronized long remaining() throws IOException {
        return lines().size();
    }

    @Override
    public void close() {
    }

    private List<String> lines() throws IOException {
        if (Files.notExists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }

    /** The file holds phones and e-mails in full: created readable by its owner only (mode 600). */
    private void createPrivately() throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, ownerOnly());
        } catch (FileAlreadyExistsException raced) {
            // another writer created it first
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }
}
