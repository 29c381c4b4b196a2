package ru.metricarelay.event;

/** Messenger chat details for Metrica's chat upload: platform is whatsapp, telegram or viber. */
public record Chat(String platform, String userId, String username) {
}
