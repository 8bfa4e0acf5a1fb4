<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Please confirm</source>
        <translation>Veuillez confirmer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <source>Recorder</source>
        <translation>Enregistreur</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>Vidéos</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message numerus="yes">
        <source>%n series</source>
        <translation>
            <numerusform>%n série</numerusform>
            <numerusform>%n séries</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop recording? The current file is closed and nothing is recorded until someone presses Start.</source>
        <translation>Arrêter l&apos;enregistrement ? Le fichier en cours est fermé et plus rien n&apos;est enregistré jusqu&apos;à ce que quelqu&apos;un appuie sur Démarrer.</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Arrêter l&apos;enregistrement</translation>
    </message>
    <message>
        <source>Restart %1? A recording in progress is closed and a new file starts after the restart.</source>
        <translation>Redémarrer %1 ? Un enregistrement en cours est fermé et un nouveau fichier commence après le redémarrage.</translation>
    </message>
    <message>
        <source>Restart %1? It is back within seconds; recording goes on meanwhile.</source>
        <translation>Redémarrer %1 ? Il revient en quelques secondes ; l&apos;enregistrement continue pendant ce temps.</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Redémarrer</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Chiffres</translation>
    </message>
    <message>
        <source>Restart %1? An upload in progress stops and starts again after the restart; nothing is lost and recording goes on meanwhile.</source>
        <translation>Redémarrer %1 ? Un envoi en cours s&apos;arrête et reprend après le redémarrage ; rien n&apos;est perdu et l&apos;enregistrement continue pendant ce temps.</translation>
    </message>
</context>
<context>
    <name>DiskGauge</name>
    <message>
        <source>Disk: size unknown</source>
        <translation>Disque : taille inconnue</translation>
    </message>
    <message>
        <source>Disk: %1 free of %2</source>
        <translation>Disque : %1 libres sur %2</translation>
    </message>
    <message>
        <source> · %1 left at %2</source>
        <translation> · encore %1 à %2</translation>
    </message>
</context>
<context>
    <name>DisplayFormat</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 j %2 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 TB</source>
        <translation>%1 To</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 Go</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 Mo</translation>
    </message>
    <message>
        <source>%1 kB</source>
        <translation>%1 ko</translation>
    </message>
    <message>
        <source>%1 Mbit/s</source>
        <translation>%1 Mbit/s</translation>
    </message>
</context>
<context>
    <name>FiguresPage</name>
    <message>
        <source>Recorded today</source>
        <translation>Enregistré aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Recorded in all</source>
        <translation>Enregistré en tout</translation>
    </message>
    <message>
        <source>Recordings use</source>
        <translation>Place occupée</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>Redémarrages</translation>
    </message>
    <message>
        <source>Reboots</source>
        <translation>Redémarrages système</translation>
    </message>
    <message>
        <source>CPU temperature</source>
        <translation>Température CPU</translation>
    </message>
    <message>
        <source>CPU slowed down</source>
        <translation>Processeur ralenti</translation>
    </message>
    <message>
        <source>Waiting to upload</source>
        <translation>En attente d&apos;envoi</translation>
    </message>
    <message>
        <source>Frames dropped per minute</source>
        <translation>Images perdues par minute</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>not filling</source>
        <translation>ne se remplit pas</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 °C</source>
        <translation>%1 °C</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Frames dropped per minute (most: %1)</source>
        <translation>Images perdues par minute (au plus : %1)</translation>
    </message>
    <message>
        <source>Old recordings deleted in</source>
        <translation>Anciens effacés dans</translation>
    </message>
    <message>
        <source>Power supply</source>
        <translation>Alimentation</translation>
    </message>
    <message>
        <source>Figures as of %1: the exporter is not answering (%2).</source>
        <translation>Chiffres de %1 : l’exportateur ne répond pas (%2).</translation>
    </message>
    <message>
        <source>No figures yet: the exporter is not answering (%1).</source>
        <translation>Pas encore de chiffres : l’exportateur ne répond pas (%1).</translation>
    </message>
    <message>
        <source>deleting now</source>
        <translation>effacement en cours</translation>
    </message>
    <message>
        <source>&gt; 1 year</source>
        <translation>&gt; 1 an</translation>
    </message>
    <message>
        <source>Restarts by the watchdog, dropped frames: the last 24 hours.</source>
        <translation>Redémarrages par le watchdog, images perdues : les dernières 24 heures.</translation>
    </message>
    <message>
        <source>Restarts by the watchdog, dropped frames: since the dashboard started %1 ago.</source>
        <translation>Redémarrages par le watchdog, images perdues : depuis le lancement du tableau de bord il y a %1.</translation>
    </message>
    <message>
        <source>Reboots: the watchdog&apos;s own count for the last 24 hours.</source>
        <translation>Redémarrages système : le décompte du watchdog lui-même pour les dernières 24 heures.</translation>
    </message>
    <message>
        <source>earlier, not now</source>
        <translation>plus tôt, pas maintenant</translation>
    </message>
    <message>
        <source>too weak</source>
        <translation>trop faible</translation>
    </message>
    <message>
        <source>was too weak</source>
        <translation>a été trop faible</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Oldest waiting for</source>
        <translation>Plus ancien en attente depuis</translation>
    </message>
    <message>
        <source>Upload remote</source>
        <translation>Destination des envois</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>joignable</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>injoignable</translation>
    </message>
</context>
<context>
    <name>LogTail</name>
    <message>
        <source>No log file at %1 (the service has not written one yet).</source>
        <translation>Pas de fichier journal à %1 (le service n&apos;en a pas encore écrit).</translation>
    </message>
    <message>
        <source>%1 is a symbolic link: not shown.</source>
        <translation>%1 est un lien symbolique : non affiché.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2. The desktop user needs to be in group recorder.</source>
        <translation>Impossible de lire %1 : %2. L&apos;utilisateur du bureau doit faire partie du groupe recorder.</translation>
    </message>
    <message>
        <source>%1 is not a regular file: not shown.</source>
        <translation>%1 n&apos;est pas un fichier ordinaire : non affiché.</translation>
    </message>
    <message>
        <source>%1 is owned by uid %2, not by %3: not shown.</source>
        <translation>%1 appartient à l&apos;uid %2, et non à %3 : non affiché.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>Impossible de lire %1 : %2.</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 est vide.</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>PlayerView</name>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ Retour</translation>
    </message>
    <message>
        <source>This recording cannot be played: %1</source>
        <translation>Impossible de lire cette vidéo : %1</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Lire</translation>
    </message>
    <message>
        <source>Unprotect</source>
        <translation>Ne plus protéger</translation>
    </message>
    <message>
        <source>Protect</source>
        <translation>Protéger</translation>
    </message>
</context>
<context>
    <name>RecorderControl</name>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Recording started.</source>
        <translation>Enregistrement démarré.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Recording stopped.</source>
        <translation>Enregistrement arrêté.</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>Prolonger</translation>
    </message>
    <message>
        <source>Session extended.</source>
        <translation>Session prolongée.</translation>
    </message>
    <message>
        <source>Protect</source>
        <translation>Protéger</translation>
    </message>
    <message>
        <source>Unprotect</source>
        <translation>Ne plus protéger</translation>
    </message>
    <message>
        <source>Recording protected: retention keeps it.</source>
        <translation>Vidéo protégée : le nettoyage automatique la conserve.</translation>
    </message>
    <message>
        <source>Recording unprotected: retention may delete it when space runs low.</source>
        <translation>Vidéo non protégée : le nettoyage automatique peut la supprimer quand l&apos;espace manque.</translation>
    </message>
    <message>
        <source>Restart of %1</source>
        <translation>Le redémarrage de %1</translation>
    </message>
    <message>
        <source>%1 is restarting.</source>
        <translation>%1 redémarre.</translation>
    </message>
    <message>
        <source>%1 failed: nobody answers on the system bus for it. Check that %2 is running (Service page: Restart).</source>
        <translation>%1 a échoué : personne ne répond sur le bus système. Vérifiez que %2 fonctionne (page Service : Redémarrer).</translation>
    </message>
    <message>
        <source>%1 got no answer in time. The system may be busy: check the status, then try again.</source>
        <translation>%1 n&apos;a pas reçu de réponse à temps. Le système est peut-être occupé : vérifiez l&apos;état, puis réessayez.</translation>
    </message>
    <message>
        <source>%1 was refused by the recorder: %2</source>
        <translation>%1 a été refusé par l&apos;enregistreur : %2</translation>
    </message>
    <message>
        <source>%1 failed: %2 (%3). Try again; if it keeps failing, read the log with journalctl -u %4.</source>
        <translation>%1 a échoué : %2 (%3). Réessayez ; si cela persiste, lisez le journal avec journalctl -u %4.</translation>
    </message>
    <message>
        <source>%1 was refused: this user is not allowed to do it. Ask the administrator to add this user to group recorder (see docs/dashboard.md), then log in again.</source>
        <translation>%1 a été refusé : cet utilisateur n&apos;en a pas le droit. Demandez à l&apos;administrateur d&apos;ajouter cet utilisateur au groupe recorder (voir docs/dashboard.md), puis reconnectez-vous.</translation>
    </message>
</context>
<context>
    <name>RecordingsModel</name>
    <message>
        <source>Protected</source>
        <translation>Protégée</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Conservée</translation>
    </message>
    <message>
        <source>recording</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>complète</translation>
    </message>
    <message>
        <source>recovered</source>
        <translation>récupérée</translation>
    </message>
    <message>
        <source>corrupted</source>
        <translation>endommagée</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>supprimée</translation>
    </message>
</context>
<context>
    <name>RecordingsPage</name>
    <message>
        <source>⟳ Refresh</source>
        <translation>⟳ Actualiser</translation>
    </message>
    <message>
        <source>Recordings list unavailable: %1</source>
        <translation>Liste des vidéos indisponible : %1</translation>
    </message>
    <message>
        <source>No recordings yet.</source>
        <translation>Pas encore de vidéo.</translation>
    </message>
    <message numerus="yes">
        <source>Newest %n recording(s). Tap one to play it.</source>
        <translation>
            <numerusform>La vidéo la plus récente. Touchez-la pour la lire.</numerusform>
            <numerusform>Les %n vidéos les plus récentes. Touchez-en une pour la lire.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServicePage</name>
    <message>
        <source>Restart recorder</source>
        <translation>Redémarrer l&apos;enregistreur</translation>
    </message>
    <message>
        <source>Restart watchdog</source>
        <translation>Redémarrer le watchdog</translation>
    </message>
    <message>
        <source>Restart exporter</source>
        <translation>Redémarrer l&apos;exportateur</translation>
    </message>
    <message>
        <source>Reads %1, %2, %3, %4 and %5.</source>
        <translation>Lit %1, %2, %3, %4 et %5.</translation>
    </message>
    <message>
        <source>Recorder: not read yet</source>
        <translation>Enregistreur : pas encore lu</translation>
    </message>
    <message>
        <source>Watchdog: not read yet</source>
        <translation>Watchdog : pas encore lu</translation>
    </message>
    <message>
        <source>Exporter: not read yet</source>
        <translation>Exportateur : pas encore lu</translation>
    </message>
    <message>
        <source>Recorder: no heartbeat (%1).</source>
        <translation>Enregistreur : pas de battement de cœur (%1).</translation>
    </message>
    <message>
        <source>Watchdog: %1 — %2. Restarts in window: %3 (total %4); reboots in 24 h: %5.</source>
        <translation>Watchdog : %1 — %2. Redémarrages dans la fenêtre : %3 (total %4) ; redémarrages système en 24 h : %5.</translation>
    </message>
    <message>
        <source>DEGRADED: reboot budget used up, it only restarts now.</source>
        <translation>DÉGRADÉ : quota de redémarrages système épuisé, il ne fait plus que redémarrer le service.</translation>
    </message>
    <message>
        <source>Watchdog: no status (%1).</source>
        <translation>Watchdog : pas d&apos;état (%1).</translation>
    </message>
    <message>
        <source>Exporter: answering (%1).</source>
        <translation>Exportateur : répond (%1).</translation>
    </message>
    <message>
        <source>Exporter: not answering (%1).</source>
        <translation>Exportateur : ne répond pas (%1).</translation>
    </message>
    <message>
        <source>Recorder %1 · up %2 · pid %3 · %4 → %5 · errors: %6 · starts: %7</source>
        <translation>Enregistreur %1 · actif depuis %2 · pid %3 · %4 → %5 · erreurs : %6 · démarrages : %7</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>Enregistreur</translation>
    </message>
    <message>
        <source>Watchdog</source>
        <translation>Watchdog</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>Exportateur</translation>
    </message>
    <message>
        <source>Log:</source>
        <translation>Journal :</translation>
    </message>
    <message>
        <source>Not read yet: the log is read while this page is on screen.</source>
        <translation>Pas encore lu : le journal est lu tant que cette page est affichée.</translation>
    </message>
    <message>
        <source>Last %1 lines of %2, the service&apos;s own log file (the system journal holds the same lines, but only groups systemd-journal and adm may read it).</source>
        <translation>Les %1 dernières lignes de %2, le fichier journal du service (le journal système contient les mêmes lignes, mais seuls les groupes systemd-journal et adm peuvent le lire).</translation>
    </message>
    <message>
        <source>CONFIGURATION ERROR: the recorder refused its configuration (exit 78); the watchdog neither restarts nor reboots. The recorder&apos;s log below says why: fix the file, then start the recorder.</source>
        <translation>ERREUR DE CONFIGURATION : l&apos;enregistreur a refusé sa configuration (code 78) ; le watchdog ne le redémarre pas et ne relance pas le système. Le journal de l&apos;enregistreur ci-dessous dit pourquoi : corrigez le fichier, puis démarrez l&apos;enregistreur.</translation>
    </message>
    <message>
        <source>CONFIGURATION ERROR: the recorder refused its configuration (exit 78); the watchdog neither restarts nor reboots. Its log below does not say why (its log folder could not be written): see the journal (journalctl -u recorder), fix the file, then start the recorder.</source>
        <translation>ERREUR DE CONFIGURATION : l&apos;enregistreur a refusé sa configuration (code 78) ; le watchdog ne le redémarre pas et ne relance pas le système. Son journal ci-dessous ne dit pas pourquoi (son dossier de journaux n&apos;a pas pu être écrit) : consultez le journal système (journalctl -u recorder), corrigez le fichier, puis démarrez l&apos;enregistreur.</translation>
    </message>
    <message>
        <source>Restart uploader</source>
        <translation>Redémarrer l&apos;envoi</translation>
    </message>
    <message>
        <source>Uploader</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <source>Reads %1, %2, %3, %4, %5 and %6.</source>
        <translation>Lit %1, %2, %3, %4, %5 et %6.</translation>
    </message>
    <message>
        <source>Uploader: not read yet</source>
        <translation>Envoi : pas encore lu</translation>
    </message>
    <message>
        <source>Uploader: no status (%1).</source>
        <translation>Envoi : pas d&apos;état (%1).</translation>
    </message>
    <message>
        <source>Uploader: %1 → %2 (%3) · uploaded: %4 · failed: %5.</source>
        <translation>Envoi : %1 → %2 (%3) · envoyés : %4 · échecs : %5.</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>joignable</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>injoignable</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Dernière erreur : %1</translation>
    </message>
</context>
<context>
    <name>StatusPage</name>
    <message>
        <source>Frames/s</source>
        <translation>Images/s</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Perdues</translation>
    </message>
    <message>
        <source>▶ Start</source>
        <translation>▶ Démarrer</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ Arrêter</translation>
    </message>
    <message>
        <source>+ Extend</source>
        <translation>+ Prolonger</translation>
    </message>
    <message>
        <source>not read yet</source>
        <translation>pas encore lu</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Last error: none</source>
        <translation>Dernière erreur : aucune</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Dernière erreur : %1</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>périmé</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Disk: unknown while the recorder is down</source>
        <translation>Disque : inconnu tant que l&apos;enregistreur est arrêté</translation>
    </message>
    <message>
        <source>Last error: unknown (no heartbeat)</source>
        <translation>Dernière erreur : inconnue (pas de battement de cœur)</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>absent</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>illisible</translation>
    </message>
    <message>
        <source>No preview image (%1)</source>
        <translation>Pas d&apos;aperçu (%1)</translation>
    </message>
    <message>
        <source>no status</source>
        <translation>pas d&apos;état</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>dégradé</translation>
    </message>
    <message>
        <source>heartbeat</source>
        <translation>battement</translation>
    </message>
    <message>
        <source>watchdog</source>
        <translation>watchdog</translation>
    </message>
    <message>
        <source>preview</source>
        <translation>aperçu</translation>
    </message>
    <message>
        <source>metrics</source>
        <translation>métriques</translation>
    </message>
    <message>
        <source>Heartbeat age</source>
        <translation>Âge du battement</translation>
    </message>
    <message>
        <source>Watchdog</source>
        <translation>Watchdog</translation>
    </message>
    <message>
        <source>Preview of %1</source>
        <translation>Aperçu de %1</translation>
    </message>
    <message numerus="yes">
        <source>%n restart(s)</source>
        <translation>
            <numerusform>%n relance</numerusform>
            <numerusform>%n relances</numerusform>
        </translation>
    </message>
    <message>
        <source>too large</source>
        <translation>trop grand</translation>
    </message>
    <message>
        <source>a symbolic link</source>
        <translation>un lien symbolique</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>pas un fichier</translation>
    </message>
    <message>
        <source>writable by others</source>
        <translation>modifiable par d&apos;autres</translation>
    </message>
    <message>
        <source>not JSON</source>
        <translation>pas du JSON</translation>
    </message>
    <message>
        <source>wrong content</source>
        <translation>contenu incorrect</translation>
    </message>
    <message>
        <source>newer format</source>
        <translation>format plus récent</translation>
    </message>
    <message>
        <source>owned by another user</source>
        <translation>appartient à un autre utilisateur</translation>
    </message>
    <message>
        <source>not updated for %1</source>
        <translation>pas mis à jour depuis %1</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>configuration error</source>
        <translation>erreur de configuration</translation>
    </message>
    <message>
        <source>no mic</source>
        <translation>pas de micro</translation>
    </message>
    <message>
        <source>Sound (dB)</source>
        <translation>Son (dB)</translation>
    </message>
    <message>
        <source>Last upload: unknown (the uploader&apos;s status is %1)</source>
        <translation>Dernier envoi : inconnu (l&apos;état du programme d&apos;envoi : %1)</translation>
    </message>
    <message>
        <source>Last upload: none yet</source>
        <translation>Dernier envoi : aucun pour l&apos;instant</translation>
    </message>
    <message>
        <source>Last upload: %1 at %2</source>
        <translation>Dernier envoi : %1 à %2</translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message>
        <source>RECORDER DOWN</source>
        <translation>ENREGISTREUR ARRÊTÉ</translation>
    </message>
    <message>
        <source>No heartbeat file: the recorder is not running.</source>
        <translation>Pas de fichier de battement de cœur : l&apos;enregistreur ne fonctionne pas.</translation>
    </message>
    <message>
        <source>The recorder is newer than this dashboard: update the dashboard.</source>
        <translation>L&apos;enregistreur est plus récent que ce tableau de bord : mettez le tableau de bord à jour.</translation>
    </message>
    <message>
        <source>The heartbeat cannot be trusted: %1</source>
        <translation>Le battement de cœur est douteux : %1</translation>
    </message>
    <message>
        <source>Elapsed %1 · Remaining %2</source>
        <translation>Écoulé %1 · Reste %2</translation>
    </message>
    <message>
        <source>Session ends in %1</source>
        <translation>La session se termine dans %1</translation>
    </message>
    <message>
        <source>No heartbeat for %1 (last state: %2): the recorder stopped or hangs.</source>
        <translation>Pas de battement de cœur depuis %1 (dernier état : %2) : l&apos;enregistreur s&apos;est arrêté ou est bloqué.</translation>
    </message>
    <message>
        <source>READY</source>
        <translation>PRÊT</translation>
    </message>
    <message>
        <source>Not recording. Press Start to record.</source>
        <translation>N&apos;enregistre pas. Appuyez sur Démarrer pour enregistrer.</translation>
    </message>
    <message>
        <source>● RECORDING</source>
        <translation>● ENREGISTREMENT</translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation>Enregistre dans %1</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>ERREUR</translation>
    </message>
    <message>
        <source>The recorder reports an error without details.</source>
        <translation>L&apos;enregistreur signale une erreur sans détails.</translation>
    </message>
    <message>
        <source>STARTING</source>
        <translation>DÉMARRAGE</translation>
    </message>
    <message>
        <source>The recorder is starting up.</source>
        <translation>L&apos;enregistreur démarre.</translation>
    </message>
    <message>
        <source>STOPPING</source>
        <translation>ARRÊT</translation>
    </message>
    <message>
        <source>The recorder is closing the current file.</source>
        <translation>L&apos;enregistreur ferme le fichier en cours.</translation>
    </message>
    <message>
        <source>PROCESSING</source>
        <translation>TRAITEMENT</translation>
    </message>
    <message>
        <source>The recorder is finishing a recording.</source>
        <translation>L&apos;enregistreur termine une vidéo.</translation>
    </message>
    <message>
        <source>starting</source>
        <comment>heartbeat state</comment>
        <translation>démarrage</translation>
    </message>
    <message>
        <source>ready</source>
        <comment>heartbeat state</comment>
        <translation>prêt</translation>
    </message>
    <message>
        <source>recording</source>
        <comment>heartbeat state</comment>
        <translation>enregistrement</translation>
    </message>
    <message>
        <source>processing</source>
        <comment>heartbeat state</comment>
        <translation>traitement</translation>
    </message>
    <message>
        <source>error</source>
        <comment>heartbeat state</comment>
        <translation>erreur</translation>
    </message>
    <message>
        <source>stopping</source>
        <comment>heartbeat state</comment>
        <translation>arrêt</translation>
    </message>
    <message>
        <source>The heartbeat is dated %1 in the future: the clocks disagree, so it proves nothing.</source>
        <translation>Le battement de cœur est daté de %1 dans le futur : les horloges divergent, il ne prouve donc rien.</translation>
    </message>
    <message>
        <source>CHECKING</source>
        <translation>VÉRIFICATION</translation>
    </message>
    <message>
        <source>Reading the recorder&apos;s state…</source>
        <translation>Lecture de l&apos;état de l&apos;enregistreur…</translation>
    </message>
    <message>
        <source>Cannot read the heartbeat (%1). Is this user in group recorder?</source>
        <translation>Impossible de lire le battement de cœur (%1). Cet utilisateur est-il dans le groupe recorder ?</translation>
    </message>
    <message>
        <source>Catalog damaged: recordings are kept, the list is being rebuilt.</source>
        <translation>Catalogue endommagé : les enregistrements sont conservés, la liste est en cours de reconstruction.</translation>
    </message>
    <message>
        <source>Catalog cannot be written (disk full): recording continues.</source>
        <translation>Catalogue impossible à écrire (disque plein) : l&apos;enregistrement continue.</translation>
    </message>
    <message>
        <source>Catalog cannot be written (read-only storage): recording continues.</source>
        <translation>Catalogue impossible à écrire (stockage en lecture seule) : l&apos;enregistrement continue.</translation>
    </message>
    <message>
        <source>Catalog cannot be written (permission denied): recording continues.</source>
        <translation>Catalogue impossible à écrire (permission refusée) : l&apos;enregistrement continue.</translation>
    </message>
    <message>
        <source>Catalog is locked by another program: recording continues.</source>
        <translation>Catalogue verrouillé par un autre programme : l&apos;enregistrement continue.</translation>
    </message>
    <message>
        <source>Catalog cannot be written (storage error): recording continues.</source>
        <translation>Catalogue impossible à écrire (erreur du stockage) : l&apos;enregistrement continue.</translation>
    </message>
    <message>
        <source>Catalog cannot be written: recording continues.</source>
        <translation>Catalogue impossible à écrire : l&apos;enregistrement continue.</translation>
    </message>
    <message>
        <source>Button and LEDs unavailable: recording goes on without them.</source>
        <translation>Bouton et voyants indisponibles : l’enregistrement continue sans eux.</translation>
    </message>
</context>
<context>
    <name>UnitState</name>
    <message>
        <source>not read yet</source>
        <translation>pas encore lu</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>non installé</translation>
    </message>
    <message>
        <source>systemd not reachable</source>
        <translation>systemd injoignable</translation>
    </message>
    <message>
        <source>state unknown: %1</source>
        <translation>état inconnu : %1</translation>
    </message>
    <message>
        <source>restarting (after a failure)</source>
        <translation>redémarrage (après une panne)</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>active (running)</source>
        <translation>actif (en marche)</translation>
    </message>
    <message>
        <source>active (exited)</source>
        <translation>actif (terminé)</translation>
    </message>
    <message>
        <source>active (reloading)</source>
        <translation>actif (rechargement)</translation>
    </message>
    <message>
        <source>active (%1)</source>
        <translation>actif (%1)</translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation>%1 depuis %2</translation>
    </message>
    <message>
        <source>failed (%1)</source>
        <translation>en échec (%1)</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inactif</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>en cours de démarrage</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>en cours d&apos;arrêt</translation>
    </message>
    <message>
        <source>reloading</source>
        <translation>rechargement</translation>
    </message>
    <message>
        <source>exit %1: configuration error</source>
        <translation>code de sortie %1 : erreur de configuration</translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation>code de sortie %1</translation>
    </message>
    <message>
        <source>killed by signal %1</source>
        <translation>tué par le signal %1</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>délai dépassé</translation>
    </message>
    <message>
        <source>systemd&apos;s watchdog fired</source>
        <translation>le watchdog de systemd s&apos;est déclenché</translation>
    </message>
    <message>
        <source>restarted too often</source>
        <translation>redémarré trop souvent</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>aucune raison donnée</translation>
    </message>
</context>
</TS>
