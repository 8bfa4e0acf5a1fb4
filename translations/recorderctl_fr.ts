<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>ControlClient</name>
    <message>
        <source>cannot reach the system bus (%1): the recorder is not running</source>
        <translation>impossible de joindre le bus système (%1) : l&apos;enregistreur ne fonctionne pas</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>refusé : %1</translation>
    </message>
    <message>
        <source>the recorder is not running (%1 is not on the system bus)</source>
        <translation>l&apos;enregistreur ne fonctionne pas (%1 n&apos;est pas sur le bus système)</translation>
    </message>
    <message>
        <source>not allowed: only root and members of the group &quot;recorder&quot; may control the recorder</source>
        <translation>non autorisé : seuls root et les membres du groupe « recorder » peuvent piloter l&apos;enregistreur</translation>
    </message>
    <message>
        <source>the recorder did not answer within %1 s</source>
        <translation>l&apos;enregistreur n&apos;a pas répondu en %1 s</translation>
    </message>
    <message>
        <source>D-Bus error %1: %2</source>
        <translation>erreur D-Bus %1 : %2</translation>
    </message>
</context>
<context>
    <name>OffloadClient</name>
    <message>
        <source>recorder-offload is not running (org.recorder.Offload1 is not on the system bus)</source>
        <translation>recorder-offload ne fonctionne pas (org.recorder.Offload1 n&apos;est pas sur le bus système)</translation>
    </message>
    <message>
        <source>not allowed: only root and members of the group &quot;recorder&quot; may control the uploads</source>
        <translation>non autorisé : seuls root et les membres du groupe « recorder » peuvent piloter les envois</translation>
    </message>
</context>
<context>
    <name>OffloadText</name>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Offload: %1, remote %2, reachable: %3
</source>
        <translation>Envoi : %1, distant %2, joignable : %3
</translation>
    </message>
    <message>
        <source>Uploads since start: %1 succeeded, %2 failed, %3 verified
</source>
        <translation>Envois depuis le démarrage : %1 réussis, %2 échoués, %3 vérifiés
</translation>
    </message>
    <message>
        <source>Success rate: %1% of the last %2 attempts
</source>
        <translation>Taux de réussite : %1 % des %2 dernières tentatives
</translation>
    </message>
    <message>
        <source>Uploading: %1 (%2)
</source>
        <translation>Envoi en cours : %1 (%2)
</translation>
    </message>
    <message>
        <source>Last upload: %1 to %2 at %3
</source>
        <translation>Dernier envoi : %1 vers %2 à %3
</translation>
    </message>
    <message>
        <source>Last error: %1
</source>
        <translation>Dernière erreur : %1
</translation>
    </message>
    <message>
        <source>Next attempt: %1 (waiting %2)
</source>
        <translation>Prochaine tentative : %1 (attente de %2)
</translation>
    </message>
    <message>
        <source>Queue: unknown (%1)
</source>
        <translation>File d&apos;attente : inconnue (%1)
</translation>
    </message>
    <message>
        <source>Queue: %1 pending, %2 uploading, %3 failed, %4 uploaded, %5 deleted before upload
</source>
        <translation>File d&apos;attente : %1 en attente, %2 en cours, %3 échoués, %4 envoyés, %5 supprimés avant l&apos;envoi
</translation>
    </message>
    <message>
        <source>Oldest waiting: queued %1 ago
</source>
        <translation>Plus ancien en attente : mis en file il y a %1
</translation>
    </message>
    <message>
        <source>Offload: disabled ([offload] enabled is false in the configuration)
</source>
        <translation>Envoi : désactivé ([offload] enabled vaut false dans la configuration)
</translation>
    </message>
</context>
<context>
    <name>StatusText</name>
    <message>
        <source>%1h %2min</source>
        <translation>%1h %2min</translation>
    </message>
    <message>
        <source>%1min %2s</source>
        <translation>%1min %2s</translation>
    </message>
    <message>
        <source>%1s</source>
        <translation>%1s</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>État :</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Fichier :</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>Session:</source>
        <translation>Session :</translation>
    </message>
    <message>
        <source>%1 elapsed, %2 left</source>
        <translation>%1 écoulé, %2 restant</translation>
    </message>
    <message>
        <source>Warning:</source>
        <translation>Alerte :</translation>
    </message>
    <message>
        <source>Frames:</source>
        <translation>Images :</translation>
    </message>
    <message>
        <source>%1 captured, %2 dropped, %3 fps</source>
        <translation>%1 capturées, %2 perdues, %3 i/s</translation>
    </message>
    <message>
        <source>Written:</source>
        <translation>Écrit :</translation>
    </message>
    <message>
        <source>Disk:</source>
        <translation>Disque :</translation>
    </message>
    <message>
        <source>%1 free of %2</source>
        <translation>%1 libres sur %2</translation>
    </message>
    <message>
        <source>Errors:</source>
        <translation>Erreurs :</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>Dernière erreur :</translation>
    </message>
    <message>
        <source>Restarts:</source>
        <translation>Redémarrages :</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>Caméra :</translation>
    </message>
    <message>
        <source>%1, encoder %2</source>
        <translation>%1, encodeur %2</translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation>En service :</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version :</translation>
    </message>
    <message>
        <source>No recordings.
</source>
        <translation>Aucun enregistrement.
</translation>
    </message>
    <message>
        <source>START (UTC)          DURATION   SIZE        STATE      KEPT  PATH
</source>
        <translation>DÉBUT (UTC)          DURÉE      TAILLE      ÉTAT       GARDÉ CHEMIN
</translation>
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
        <source>Reason:</source>
        <translation>Raison :</translation>
    </message>
    <message>
        <source>Catalog:</source>
        <translation>Catalogue :</translation>
    </message>
    <message>
        <source>degraded; recording goes on, the catalog catches up by itself</source>
        <translation>dégradé ; l&apos;enregistrement continue, le catalogue se remettra à jour de lui-même</translation>
    </message>
    <message>
        <source>degraded (%1); recording goes on, the catalog catches up by itself</source>
        <translation>dégradé (%1) ; l&apos;enregistrement continue, le catalogue se remettra à jour de lui-même</translation>
    </message>
    <message>
        <source>GPIO:</source>
        <translation>GPIO :</translation>
    </message>
    <message>
        <source>button and LEDs working</source>
        <translation>bouton et voyants en service</translation>
    </message>
    <message>
        <source>unavailable (%1); recording goes on without the button and LEDs</source>
        <translation>indisponible (%1) ; l’enregistrement continue sans le bouton ni les voyants</translation>
    </message>
</context>
<context>
    <name>recorderctl</name>
    <message>
        <source>; see --help</source>
        <translation> ; voir --help</translation>
    </message>
    <message>
        <source>One of the commands above.</source>
        <translation>L&apos;une des commandes ci-dessus.</translation>
    </message>
    <message>
        <source>PATH or FILE, for the commands that take one.</source>
        <translation>PATH ou FILE, pour les commandes qui en prennent un.</translation>
    </message>
    <message>
        <source>list: at most N recordings (default 20).</source>
        <translation>list : au plus N enregistrements (20 par défaut).</translation>
    </message>
    <message>
        <source>list: skip the first N recordings.</source>
        <translation>list : sauter les N premiers enregistrements.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs exactly one argument</source>
        <translation>« %1 » demande exactement un argument</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes no argument</source>
        <translation>« %1 » ne prend pas d&apos;argument</translation>
    </message>
    <message>
        <source>Recording started.</source>
        <translation>Enregistrement démarré.</translation>
    </message>
    <message>
        <source>Recording stopped; the file is being finalised.</source>
        <translation>Enregistrement arrêté ; le fichier est en cours de finalisation.</translation>
    </message>
    <message>
        <source>Session extended: %1 left.</source>
        <translation>Session prolongée : il reste %1.</translation>
    </message>
    <message>
        <source>--limit %1: allowed 1 to 1000</source>
        <translation>--limit %1 : permis de 1 à 1000</translation>
    </message>
    <message>
        <source>--offset %1: allowed a whole number ≥ 0</source>
        <translation>--offset %1 : permis un nombre entier ≥ 0</translation>
    </message>
    <message>
        <source>Protected %1.</source>
        <translation>%1 protégé.</translation>
    </message>
    <message>
        <source>Unprotected %1.</source>
        <translation>%1 n&apos;est plus protégé.</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>Snapshot written to %1 (%2).</source>
        <translation>Image écrite dans %1 (%2).</translation>
    </message>
    <message>
        <source>Controls the recorder (recorderd) over D-Bus.

Commands:
  start            start recording (session mode: a new session)
  stop             stop recording; the file is finalised
  extend           session mode: add [recording] extension
  status           the recorder&apos;s state and counters
  list             recordings in the catalog, newest first
  protect PATH     keep a recording from retention
  unprotect PATH   let retention delete it again
  snapshot FILE    write a JPEG of the latest frame to FILE
  offload status   the uploader&apos;s state and the upload queue
  offload retry    try failed uploads again now
  offload pause    start no new upload until resumed (kept across restarts)
  offload resume   upload again</source>
        <translation>Pilote l&apos;enregistreur (recorderd) via D-Bus.

Commandes :
  start            démarrer l&apos;enregistrement (mode session : une nouvelle session)
  stop             arrêter l&apos;enregistrement ; le fichier est finalisé
  extend           mode session : ajouter [recording] extension
  status           l&apos;état et les compteurs de l&apos;enregistreur
  list             les enregistrements du catalogue, les plus récents d&apos;abord
  protect PATH     protéger un enregistrement de la rétention
  unprotect PATH   laisser de nouveau la rétention le supprimer
  snapshot FILE    écrire un JPEG de la dernière image dans FILE
  offload status   l&apos;état de l&apos;envoi et la file d&apos;attente
  offload retry    retenter maintenant les envois échoués
  offload pause    ne plus démarrer d&apos;envoi jusqu&apos;à la reprise (conservé aux redémarrages)
  offload resume   reprendre les envois</translation>
    </message>
    <message>
        <source>status, list, offload status: print JSON for scripts.</source>
        <translation>status, list, offload status : afficher du JSON pour les scripts.</translation>
    </message>
    <message>
        <source>a command is required: start, stop, extend, status, list, protect, unprotect, snapshot, offload</source>
        <translation>une commande est requise : start, stop, extend, status, list, protect, unprotect, snapshot, offload</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;; allowed: start, stop, extend, status, list, protect, unprotect, snapshot, offload</source>
        <translation>commande inconnue « %1 » ; permises : start, stop, extend, status, list, protect, unprotect, snapshot, offload</translation>
    </message>
    <message>
        <source>Failed uploads queued again; the uploader tries now.</source>
        <translation>Envois échoués remis en file ; l&apos;envoi est retenté maintenant.</translation>
    </message>
    <message>
        <source>Uploads paused (running ones finish).</source>
        <translation>Envois en pause (ceux en cours se terminent).</translation>
    </message>
    <message>
        <source>Uploads resumed.</source>
        <translation>Envois repris.</translation>
    </message>
    <message>
        <source>offload %1: allowed: status, retry, pause, resume</source>
        <translation>offload %1 : permis : status, retry, pause, resume</translation>
    </message>
</context>
</TS>
