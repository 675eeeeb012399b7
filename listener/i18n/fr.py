"""French: the TUI and the detectors' explanations (France and Québec alike).

Keys are the English message ids of the code; a value is the French text
with the same ``{fields}``, or a pair (singular, plural) for the ids used
with :meth:`~listener.i18n.Translator.n` (French counts 0 and 1 as singular).
``context\\x04id`` keys are short words whose sense depends on where they
are shown (a status, a key of the footer). Typography: a no-break space
(``\\u00a0``) before ``:``, ``;`` and ``%``. ``tests/unit/test_i18n.py``
checks that every id of the code is here, with its fields, and nothing else.
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, str | tuple[str, str]] = {
    # -- spike explanations (listener.detection.spike_explain) --------------------------
    "{brand}: {tests} ({severity}), {observed} negative mentions vs {expected} expected "
    "{span}{rarity}{size}; since {since} UTC{history}{campaigns}":
        "{brand}\u00a0: {tests} ({severity}), {observed} mentions négatives contre {expected} "
        "attendues {span}{rarity}{size}\u00a0; depuis {since} UTC{history}{campaigns}",
    "; {excess} more negative mentions than usual in all, as many as an ordinary day brings": (
        "\u00a0; {excess} mentions négatives de plus que d’habitude en tout, autant qu’en un "
        "jour ordinaire",
        "\u00a0; {excess} mentions négatives de plus que d’habitude en tout, autant qu’en "
        "{n} jours ordinaires"),
    "count spike": "pic de volume",
    "count spike over {n} h": "pic de volume sur {n} h",
    "count spike over {n} min": "pic de volume sur {n} min",
    "count spike over {n}": "pic de volume sur {n}",
    "negative share jump": "saut de la part négative",
    "slow build-up": "montée lente",
    "minor": "mineur",
    "major": "majeur",
    "critical": "critique",
    "{hours:g} h": "{hours:g} h",
    "{minutes:g} min": "{minutes:g} min",
    "at {time} UTC": "dans l’intervalle de {time} UTC",
    "over the {duration} ending with the bin of {time} UTC":
        "sur une fenêtre de {duration} finissant avec l’intervalle de {time} UTC",
    ", about once in {weeks:.0f} weeks for this brand":
        ", environ une fois toutes les {weeks:.0f} semaines pour cette marque",
    ", rarer than anything in this brand's history":
        ", plus rare que tout l’historique de cette marque",
    "; first {day} {hour:02d}:00 UTC in this brand's {span} of history: its usual level at "
    "this hour of the week is not known yet":
        "\u00a0; premier {day} {hour:02d}:00 UTC dans les {span} d’historique de cette "
        "marque\u00a0: son niveau habituel à cette heure de la semaine n’est pas encore connu",
    "{n:.0f} days": "{n:.0f} jours",
    "{n:.0f} hours": "{n:.0f} heures",
    "Monday": "lundi",
    "Tuesday": "mardi",
    "Wednesday": "mercredi",
    "Thursday": "jeudi",
    "Friday": "vendredi",
    "Saturday": "samedi",
    "Sunday": "dimanche",
    " since {time} UTC": " depuis {time} UTC",
    "; {total} of the {window} negative mentions{when} are in suspected campaign {names}": (
        "\u00a0; {total} des {window} mentions négatives{when} sont dans la campagne "
        "suspecte {names}",
        "\u00a0; {total} des {window} mentions négatives{when} sont dans les campagnes "
        "suspectes {names}"),
    "under 0.01": "moins de 0,01",
    # -- campaign reasons (listener.detection.campaign_reasons) -------------------------
    "{n} reviews in {hours:.0f} h{within} from {accounts} accounts, {new} first seen with "
    "this item and {thin} with at most {max_prior} earlier items":
        "{n} avis en {hours:.0f} h{within} venant de {accounts} comptes, dont {new} vus pour "
        "la première fois avec cet élément et {thin} avec au plus {max_prior} éléments "
        "antérieurs",
    "{n} mentions in {hours:.0f} h{within} from {accounts} accounts, {new} first seen with "
    "this item and {thin} with at most {max_prior} earlier items":
        "{n} mentions en {hours:.0f} h{within} venant de {accounts} comptes, dont {new} vus "
        "pour la première fois avec cet élément et {thin} avec au plus {max_prior} éléments "
        "antérieurs",
    " ({core} of them within {duration})": " (dont {core} en {duration})",
    "{minutes} min": "{minutes} min",
    "{hours:.1f} h": "{hours:.1f} h",
    "{copies} near-duplicates of {n} text across different accounts": (
        "{copies} quasi-doublons d’un même texte sur des comptes différents",
        "{copies} quasi-doublons de {n} textes sur des comptes différents"),
    "{n} accounts reviewed the same other targets together (lockstep)":
        "{n} comptes ont noté ensemble les mêmes autres cibles (en bloc)",
    "{n} accounts posted another item within {hours:.0f} h":
        "{n} comptes ont publié un autre élément en moins de {hours:.0f} h",
    "mean rating {mean:.1f}{usual}; {extreme} of {total} ratings are 1 or 5":
        "note moyenne {mean:.1f}{usual}\u00a0; {extreme} des {total} notes valent 1 ou 5",
    " vs usual {usual:.1f}": " contre {usual:.1f} d’habitude",
    "{count} items on the target in {hours:.0f} h vs {expected:.1f} expected":
        "{count} éléments sur la cible en {hours:.0f} h contre {expected:.1f} attendus",
    "fits the '{profile}' pattern; log-likelihood ratio {llr:.1f} against genuine activity":
        "correspond au profil «\u00a0{profile}\u00a0»\u00a0; log du rapport de vraisemblance "
        "{llr:.1f} contre une activité authentique",
    "{weak} of {n} members carry little evidence of their own (likelihood ratio under "
    "{limit:.0f} each): they are flagged for arriving with the others; check them before "
    "acting": (
        "{weak} des {n} membres n’apporte guère d’indices par lui-même (rapport de "
        "vraisemblance inférieur à {limit:.0f})\u00a0: il est signalé pour être arrivé avec "
        "les autres\u00a0; vérifiez-le avant d’agir",
        "{weak} des {n} membres n’apportent guère d’indices par eux-mêmes (rapport de "
        "vraisemblance inférieur à {limit:.0f} chacun)\u00a0: ils sont signalés pour être "
        "arrivés avec les autres\u00a0; vérifiez-les avant d’agir"),
    "caution: at most one copied text and no two accounts acting together elsewhere; a "
    "genuine crowd (after an incident, press coverage) can look like this, so read the "
    "reviews before acting":
        "prudence\u00a0: au plus un texte copié et pas deux comptes agissant ensemble "
        "ailleurs\u00a0; une foule authentique (après un incident, un article de presse) peut "
        "ressembler à cela, lisez donc les avis avant d’agir",
    "caution: its copied texts are all short (under {n} characters), which customers "
    "describing the same problem also write, and no two accounts acted together elsewhere; "
    "a genuine crowd (after an incident, press coverage) can look like this, so read the "
    "reviews before acting":
        "prudence\u00a0: ses textes copiés sont tous courts (moins de {n} caractères), ce "
        "qu’écrivent aussi des clients qui décrivent le même problème, et pas deux comptes "
        "n’ont agi ensemble ailleurs\u00a0; une foule authentique (après un incident, un "
        "article de presse) peut ressembler à cela, lisez donc les avis avant d’agir",
    " vs {share:.0f} % of this target's mentions usually":
        " contre {share:.0f}\u00a0% des mentions de cette cible d’habitude",
    "{count} of {n} mentions negative by sentiment{usually}":
        "{count} des {n} mentions négatives selon le sentiment{usually}",
    "{count} of {n} mentions positive by sentiment{usually}":
        "{count} des {n} mentions positives selon le sentiment{usually}",
    # -- the lists (tui.render) -------------------------------------------------------------
    "status\x04new": "nouv",
    "status\x04open": "ouv",
    "status\x04esc!": "esc!",
    "status\x04zz": "zz",
    "status\x04done": "fait",
    "status\x04ign": "ign",
    "column\x04st": "ét",
    "column\x04s": "s",
    "negative": "négatif",
    "neutral": "neutre",
    "positive": "positif",
    "severity\x04high": "élevée",
    "severity\x04medium": "moyenne",
    "severity\x04low": "faible",
    "tests": "tests",
    "severity": "gravité",
    "summary": "résumé",
    "kind": "type",
    "size": "taille",
    "reasons": "raisons",
    "brand": "marque",
    "text": "texte",
    "time {zone}": "heure {zone}",
    "{tests} test": "test {tests}",
    "test\x04count": "volume",
    "test\x04buildup": "montée",
    "test\x04share": "part",
    "campaign": "campagne",
    "{n} item": ("{n} élément", "{n} éléments"),
    # -- details ------------------------------------------------------------------------------
    "until {time}": "jusqu’à {time}",
    "assignee": "responsable",
    "tags": "étiquettes",
    "verdict": "verdict",
    "not fake": "pas un faux",
    "confirmed fake": "faux confirmé",
    "action\x04open": "ouvert",
    "action\x04resolve": "résolu",
    "action\x04ignore": "ignoré",
    "action\x04escalate": "remonté",
    "action\x04snooze": "reporté",
    "action\x04reopen": "rouvert",
    "action\x04assign": "attribué",
    "action\x04tag": "étiqueté",
    "action\x04note": "note",
    "action\x04verdict": "verdict",
    "action\x04undo": "annulé",
    "{action} · {n} item": ("{action} · {n} élément", "{action} · {n} éléments"),
    "no triage action yet": "aucune action de tri pour l’instant",
    "(unassigned)": "(sans responsable)",
    "(withdrawn)": "(retiré)",
    "escalated to {severity} after it was closed: {observed} vs {expected:.1f} expected":
        "aggravé en {severity} après avoir été fermé\u00a0: {observed} contre {expected:.1f} "
        "attendues",
    "opened again after it was closed: {observed} vs {expected:.1f} expected":
        "rouvert après avoir été fermé\u00a0: {observed} contre {expected:.1f} attendues",
    "answered on the platform by {author}: {url}":
        "répondu sur la plateforme par {author}\u00a0: {url}",
    "new members after it was closed: {n} in all":
        "nouveaux membres après sa fermeture\u00a0: {n} en tout",
    "(undone)": "(annulé)",
    "lang {lang}": "langue {lang}",
    "(no analyser)": "(pas d’analyseur)",
    "urgency {value:.2f}": "urgence {value:.2f}",
    "rating {rating}": "note {rating}",
    "reach {reach:,}": "portée {reach:,}",
    "item": "élément",
    "kind\x04post": "publication",
    "kind\x04review": "avis",
    "kind\x04article": "article",
    "kind\x04comment": "commentaire",
    "sentiment": "sentiment",
    "brands": "marques",
    "author": "auteur",
    "source": "source",
    "published": "publié",
    "(fetched {time})": "(récupéré {time})",
    "link": "lien",
    "seen in {n} source": ("vu dans {n} source", "vu dans {n} sources"),
    "part of": "fait partie de",
    "spike a{id}": "pic a{id}",
    "campaign c{id}": "campagne c{id}",
    "other mentions by {author}": "autres mentions de {author}",
    "none": "aucune",
    "history": "historique",
    "no series in the evidence": "pas de série dans les indices",
    "total": "total",
    "expected": "attendu",
    "last {last:g}, max {max:g}": "dernier {last:g}, max {max:g}",
    "{term} ({window} vs {baseline} before)": "{term} ({window} contre {baseline} avant)",
    "members ({total})": "membres ({total})",
    "members ({total}; {weak} weak: little evidence of their own, flagged for arriving with "
    "the others)":
        "membres ({total}\u00a0; {weak} faibles\u00a0: peu d’indices par eux-mêmes, signalés "
        "pour être arrivés avec les autres)",
    "weak": "faible",
    "… {n} more": "… {n} de plus",
    "spike": "pic",
    "test": "test",
    "observed {observed} · expected {expected}": "observé {observed} · attendu {expected}",
    "(over {duration})": "(sur {duration})",
    "{state} · opened {opened}, ended {ended}": "{state} · ouvert {opened}, fini {ended}",
    "{state} since {since}": "{state} depuis {since}",
    "detector": "détecteur",
    "chart": "graphique",
    "new terms": "termes nouveaux",
    "top sources": "sources principales",
    "top authors": "auteurs principaux",
    "in campaigns": "dans des campagnes",
    "authors": "auteurs",
    "{n}, none with more than one mention": "{n}, aucun avec plus d’une mention",
    "evidence": "indices",
    "detector\x04open": "en cours",
    "detector\x04resolved": "terminé",
    "detector\x04closed": "close",
    "figures": "chiffres",
    "spike\x04size": "ampleur",
    "+{excess} in all · {days} days of usual negative mentions ({usual} a day)":
        "+{excess} en tout · {days} jours de mentions négatives habituelles ({usual} par jour)",
    "profile": "profil",
    "duplicates": "doublons",
    "lockstep": "en bloc",
    "accounts": "comptes",
    "ratings": "notes",
    "target {target}": "cible {target}",
    "score {score:.2f}": "score {score:.2f}",
    "window": "fenêtre",
    "triage": "tri",
    "why it is suspected": "pourquoi elle est suspecte",
    "members over time": "membres dans le temps",
    "figure\x04members": "membres",
    "figure\x04accounts": "comptes",
    "figure\x04span hours": "durée en heures",
    "figure\x04core members": "membres du cœur",
    "figure\x04core hours": "heures du cœur",
    "figure\x04new accounts": "comptes nouveaux",
    "figure\x04thin accounts": "comptes peu actifs",
    "figure\x04near duplicates": "quasi-doublons",
    "figure\x04duplicate texts": "textes copiés",
    "figure\x04lockstep accounts": "comptes en bloc",
    "figure\x04fast accounts": "comptes rapides",
    "figure\x04mean rating": "note moyenne",
    "figure\x04usual rating": "note habituelle",
    "figure\x04log likelihood ratio": "log du rapport de vraisemblance",
    "figure\x04short copies": "copies courtes",
    "figure\x04direct traces": "traces directes",
    "figure\x04weak members": "membres faibles",
    "figure\x04negative mentions": "mentions négatives",
    "figure\x04positive mentions": "mentions positives",
    "figure\x04labelled mentions": "mentions étiquetées",
    "figure\x04usual negative share": "part négative habituelle",
    "figure\x04usual positive share": "part positive habituelle",
    "{first} → {last}, 1 bar = {step}, peak {peak}":
        "{first} → {last}, 1 barre = {step}, pointe {peak}",
    "{n:,} mention": ("{n:,} mention", "{n:,} mentions"),
    "neg share": "part nég.",
    "{share} negative": "{share} négatives",
    "failing since {time}": "en échec depuis {time}",
    "last ok {time}": "dernier succès {time}",
    "never fetched": "jamais récupérée",
    "{since}, {n} failures: {error}": "{since}, {n} échecs\u00a0: {error}",
    # -- the main screen (tui.screens.main) -----------------------------------------------
    "Needs reply": "À répondre",
    "Spikes": "Pics",
    "Suspected campaigns": "Campagnes suspectes",
    "All mentions": "Toutes les mentions",
    "Done": "Traités",
    "Search": "Recherche",
    "{n}{more} shown": ("{n}{more} affiché", "{n}{more} affichés"),
    "brand:": "marque\u00a0:",
    "source:": "source\u00a0:",
    "all": "toutes",
    "{n} selected": ("{n} sélectionné", "{n} sélectionnés"),
    "↑ {n} new above": ("↑ {n} nouveau au-dessus", "↑ {n} nouveaux au-dessus"),
    "⚠ {n} source failing": ("⚠ {n} source en échec", "⚠ {n} sources en échec"),
    "⚠ {n} alert not delivered": ("⚠ {n} alerte non livrée", "⚠ {n} alertes non livrées"),
    "Nothing here. Press ? for help.": "Rien ici. Appuyez sur ? pour l’aide.",
    "deleted": "supprimé",
    "Spike opened": "Pic ouvert",
    "Webhook received · signed": "Webhook reçu · signé",
    "Webhook received · BAD SIGNATURE": "Webhook reçu · SIGNATURE INVALIDE",
    "Suspected campaign opened": "Campagne suspecte ouverte",
    "cannot read the store: {error}": "impossible de lire la base\u00a0: {error}",
    "Nothing to act on.": "Rien à traiter.",
    "snooze for {duration}": "reporter de {duration}",
    "1 hour": "1 heure",
    "4 hours": "4 heures",
    "1 day": "1 jour",
    "Snooze {n} item": ("Reporter {n} élément", "Reporter {n} éléments"),
    "Assign {n} item to": ("Attribuer {n} élément à", "Attribuer {n} éléments à"),
    "Enter to assign · empty to unassign · Escape":
        "Entrée pour attribuer · vide pour retirer · Échap",
    "Tags for {n} item": ("Étiquettes de {n} élément", "Étiquettes de {n} éléments"),
    "billing, outage, -old-tag": "facturation, panne, -ancienne",
    "comma-separated · -tag removes · Escape cancels":
        "séparées par des virgules · -étiquette retire · Échap annule",
    "Note on {n} item": ("Note sur {n} élément", "Note sur {n} éléments"),
    "A verdict applies to suspected campaigns (queue 3).":
        "Un verdict s’applique aux campagnes suspectes (file 3).",
    "not fake (a real wave of opinions)": "pas un faux (une vraie vague d’opinions)",
    "confirmed fake (members are ignored)": "faux confirmé (les membres sont ignorés)",
    "Verdict on {n} campaign": ("Verdict sur {n} campagne", "Verdict sur {n} campagnes"),
    "Nothing to undo.": "Rien à annuler.",
    "undone · {n} item": ("annulé · {n} élément", "annulé · {n} éléments"),
    "Search mentions": "Chercher dans les mentions",
    "words (all must match)": "mots (tous doivent y être)",
    "all brands": "toutes les marques",
    "Filter by brand": "Filtrer par marque",
    "assigned to {who}": "assigné à {who}",
    "only the items assigned to you, in every queue (m again: everyone’s)":
        "seulement ce qui vous est assigné, dans chaque file (m à nouveau : tout le monde)",
    "key\x04Mine": "Les miens",
    "all sources": "toutes les sources",
    "⚠ {name} (failing: {n} in a row)": "⚠ {name} (en échec\u00a0: {n} de suite)",
    "Filter by source": "Filtrer par source",
    "This item has no web link.": "Cet élément n’a pas de lien web.",
    "opening {url}": "ouverture de {url}",
    "link: {url}": "lien\u00a0: {url}",
    "copied to the clipboard": "copié dans le presse-papiers",
    "Copy to the clipboard": "Copier dans le presse-papiers",
    # -- prompts, trends, help ----------------------------------------------------------------
    "Enter to confirm · Escape to cancel": "Entrée pour valider · Échap pour annuler",
    "↑↓ to choose · Enter to confirm · Escape to cancel":
        "↑↓ pour choisir · Entrée pour valider · Échap pour annuler",
    "mentions per bucket · negative share (0–100 %) · total and share":
        "mentions par intervalle · part négative (0–100\u00a0%) · total et part",
    "Last 24 hours (1 bar = 1 h)": "Dernières 24 heures (1 barre = 1 h)",
    "Last 7 days (1 bar = 6 h)": "7 derniers jours (1 barre = 6 h)",
    "Vigie triage: keys": "Tri Vigie\u00a0: les touches",
    "Queues": "Files",
    "1 … 5, tab": "1 … 5, tab",
    "Needs reply · Spikes · Suspected campaigns · All mentions · Done":
        "À répondre · Pics · Campagnes suspectes · Toutes les mentions · Traités",
    "filter by brand / by source (choose “all” to clear)":
        "filtrer par marque / par source (choisir «\u00a0toutes\u00a0» pour effacer)",
    "full-text search in mentions (Escape leaves the results)":
        "recherche plein texte dans les mentions (Échap quitte les résultats)",
    "per-brand trends: mentions and negative share, 24 h and 7 d":
        "tendances par marque\u00a0: mentions et part négative, 24 h et 7 j",
    "Triage (on the selection, or the row under the cursor)":
        "Tri (sur la sélection, ou la ligne sous le curseur)",
    "open: show the whole item and mark it as being handled":
        "ouvrir\u00a0: afficher tout l’élément et le marquer comme en cours de traitement",
    "resolve / ignore / escalate": "résoudre / ignorer / remonter",
    "snooze for 1 h, 4 h or 1 d (it comes back by itself)":
        "reporter de 1 h, 4 h ou 1 j (il revient tout seul)",
    "reopen (put back in its queue)": "rouvrir (remettre dans sa file)",
    "assign to a name (empty to unassign)": "attribuer à un nom (vide pour retirer)",
    "tag (comma-separated; -tag removes a tag)":
        "étiqueter (séparées par des virgules\u00a0; -étiquette en retire une)",
    "add a note": "ajouter une note",
    "campaign verdict: not fake / confirmed fake (applies to all members)":
        "verdict de campagne\u00a0: pas un faux / faux confirmé (s’applique à tous les membres)",
    "undo your last action (refused if someone acted after you)":
        "annuler votre dernière action (refusé si quelqu’un a agi après vous)",
    "select / unselect for a bulk action · Escape clears":
        "sélectionner / désélectionner pour une action groupée · Échap efface",
    "Marks in the lists": "Repères dans les listes",
    "negative / neutral / positive mention (its sentiment)":
        "mention négative / neutre / positive (son sentiment)",
    "spike alert, coloured by its severity": "alerte de pic, colorée selon sa gravité",
    "suspected campaign / one resting on timing, accounts and ratings alone, or on copies of "
    "short texts only: read its reviews before acting":
        "campagne suspecte / campagne qui ne repose que sur le moment, les comptes et les "
        "notes, ou sur des copies de textes courts seulement\u00a0: lisez ses avis avant d’agir",
    "a source failing twice or more in a row (its mentions are not coming in): above the "
    "list, in the trends and in the source filter (s); or alerts that could not be delivered "
    "(vigie alerts list --failed says why)":
        "une source en échec deux fois de suite ou plus (ses mentions n’arrivent pas)\u00a0: "
        "au-dessus de la liste, dans les tendances et dans le filtre des sources (s)\u00a0; ou "
        "des alertes qui n’ont pas pu être livrées (vigie alerts list --failed dit pourquoi)",
    "Reply": "Répondre",
    "open the link in a browser": "ouvrir le lien dans un navigateur",
    "copy the link or a reply template to the clipboard":
        "copier le lien ou un modèle de réponse dans le presse-papiers",
    "App": "Application",
    "switch light / dark theme": "basculer entre thème clair et sombre",
    "this help": "cette aide",
    "quit": "quitter",
    "Every action is stored with your name and the time; the item's history is in its "
    "detail. Times are in the zone the list header names (`timezone` in the config, or vigie "
    "tui --tz); the language is `language` in the config, or vigie tui --lang. Escape closes "
    "this help.":
        "Chaque action est enregistrée avec votre nom et l’heure\u00a0; l’historique d’un "
        "élément est dans son détail. Les heures sont dans le fuseau que nomme l’en-tête de "
        "la liste (`timezone` dans la configuration, ou vigie tui --tz)\u00a0; la langue est "
        "`language` dans la configuration, ou vigie tui --lang. Échap ferme cette aide.",
    # -- alert messages: chat, email (listener.alerts) -----------------------------------------
    "Negative spike": "Pic négatif",
    "Spike escalated": "Pic aggravé",
    "Spike resolved": "Pic terminé",
    "Suspected review campaign": "Campagne d’avis suspecte",
    "Review campaign grew": "La campagne d’avis s’étend",
    "Review campaign ended": "Campagne d’avis terminée",
    "Mention": "Mention",
    "Source failing": "Source en échec",
    "Source recovered": "Source rétablie",
    "{title}{severity}: {brand}": "{title}{severity}\u00a0: {brand}",
    "{label}: {value}": "{label}\u00a0: {value}",
    "; ": "\u00a0; ",
    "event {id} · rule {rule}": "événement {id} · règle {rule}",
    "update of {thread} · event {id}": "mise à jour de {thread} · événement {id}",
    "Vigie digest: {n} event": ("Récapitulatif Vigie\u00a0: {n} événement",
                                "Récapitulatif Vigie\u00a0: {n} événements"),
    "digest: {n} event": ("récapitulatif\u00a0: {n} événement",
                          "récapitulatif\u00a0: {n} événements"),
    "digest {id}": "récapitulatif {id}",
    "… and {n} more": "… et {n} de plus",
    "… and {n} more (all in the attachment)": "… et {n} de plus (tous en pièce jointe)",
    "What happened": "Ce qui s’est passé",
    "open": "ouvrir",
    "Open": "Ouvrir",
    "Brand": "Marque",
    "Event": "Événement",
    "Severity": "Gravité",
    "Rule": "Règle",
    "Link": "Lien",
    "New words": "Mots nouveaux",
    "Top sources": "Sources principales",
    "Most negative": "La plus négative",
    "Sent by Vigie. The event as JSON is attached.":
        "Envoyé par Vigie. L’événement en JSON est en pièce jointe.",
    "{days:g} days": "{days:g} jours",
    "{name}: polled again after {span} of failures":
        "{name}\u00a0: de nouveau interrogée après {span} d’échecs",
    "{name}: no successful poll for {span} ({n} failed attempts); last error: {error}":
        "{name}\u00a0: aucune interrogation réussie depuis {span} ({n} tentatives en "
        "échec)\u00a0; dernière erreur\u00a0: {error}",
    "unknown": "inconnue",
    "suspected campaign on {target}": "campagne suspecte visant {target}",
    "caution: little ties these accounts together, could be a genuine crowd":
        "prudence\u00a0: peu de choses lient ces comptes, ce peut être une foule authentique",
    "{weak} of {n} members on weak evidence": "{weak} des {n} membres sur des indices faibles",
    # -- vigie report (listener.commands.report) ------------------------------------------
    "# Vigie report, {start} to {end} UTC": "# Rapport Vigie, du {start} au {end} UTC",
    "No mention was stored in this period.": "Aucune mention n’a été enregistrée sur la période.",
    "- **Mentions:** {n:,} ({change})": "- **Mentions\u00a0:** {n:,} ({change})",
    "{change} on the period before ({before:,.0f})":
        "{change} par rapport à la période précédente ({before:,.0f})",
    "no mention the period before": "aucune mention sur la période précédente",
    "none before either": "aucune non plus auparavant",
    "- **Negative:** {n:,}, {share} of mentions (the period before: {before}); positive: "
    "{positive:,}":
        "- **Négatives\u00a0:** {n:,}, {share} des mentions (période précédente\u00a0: "
        "{before})\u00a0; positives\u00a0: {positive:,}",
    "- **Top sources:** {sources}": "- **Sources principales\u00a0:** {sources}",
    "- **Response:** {answered:,} of {n:,} negative mentions answered (resolved, ignored or "
    "escalated), {waiting:,} still waiting{speed}":
        "- **Réponse\u00a0:** {answered:,} des {n:,} mentions négatives traitées (résolues, "
        "ignorées ou remontées), {waiting:,} encore en attente{speed}",
    "; median {hours:.1f} h from publication to the first action":
        "\u00a0; délai médian de {hours:.1f} h entre la publication et la première action",
    "### Spikes ({n})": "### Pics ({n})",
    "No negative spike.": "Aucun pic négatif.",
    "### Suspected campaigns ({n})": "### Campagnes suspectes ({n})",
    "No suspected campaign.": "Aucune campagne suspecte.",
    "### Most negative, widest reach": "### Les plus négatives, à la plus forte portée",
    ", reach {reach:,}": ", portée {reach:,}",
    "- {time} {author} on {source}{reach} ({score}, {status}): {text}":
        "- {time} {author} sur {source}{reach} ({score}, {status})\u00a0: {text}",
    "anonymous": "anonyme",
    "- {time}, {severity}, {status}: {summary}": "- {time}, {severity}, {status}\u00a0: {summary}",
    "- {time}, {status}: {summary}": "- {time}, {status}\u00a0: {summary}",
    "triage\x04new": "nouveau",
    "triage\x04open": "ouvert",
    "triage\x04escalated": "remonté",
    "triage\x04snoozed": "reporté",
    "triage\x04resolved": "résolu",
    "triage\x04ignored": "ignoré",
    # -- key bindings (the footer) ------------------------------------------------------------
    "key\x04Quit": "Quitter",
    "key\x04Theme": "Thème",
    "key\x04Help": "Aide",
    "key\x04Open": "Ouvrir",
    "key\x04Resolve": "Résoudre",
    "key\x04Ignore": "Ignorer",
    "key\x04Escalate": "Remonter",
    "key\x04Snooze": "Reporter",
    "key\x04Assign": "Attribuer",
    "key\x04Tag": "Étiqueter",
    "key\x04Note": "Note",
    "key\x04Verdict": "Verdict",
    "key\x04Reopen": "Rouvrir",
    "key\x04Undo": "Annuler",
    "key\x04Select": "Sélection",
    "key\x04Search": "Chercher",
    "key\x04Link": "Lien",
    "key\x04Copy": "Copier",
    "key\x04Brand": "Marque",
    "key\x04Source": "Source",
    "key\x04Trends": "Tendances",
    "key\x04Clear": "Effacer",
    "key\x04Needs reply": "À répondre",
    "key\x04Spikes": "Pics",
    "key\x04Campaigns": "Campagnes",
    "key\x04All": "Toutes",
    "key\x04Done": "Traités",
    "key\x04Next queue": "File suivante",
    "key\x04Previous queue": "File précédente",
    "key\x04Back": "Retour",
    "key\x04Cancel": "Annuler",
    "key\x04Close": "Fermer",
}
