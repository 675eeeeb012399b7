"""Phrase banks (English and French) the review simulator combines into texts.

Every bank maps a language to a list of fragments. ``{thing}`` is replaced by a
noun of the target's domain (app, shop, place), ``{feature}`` by one of its
features, ``{name}`` by the target's name, ``{n}`` by a small number.
"""

from __future__ import annotations

__all__ = ["DOMAINS", "BANKS", "INCIDENTS", "SYNONYMS", "FIRST_NAMES", "NICK_WORDS",
           "TARGET_NAMES", "BRANCH_CITIES", "ANECDOTE"]

DOMAINS: dict[str, dict[str, dict[str, list[str]]]] = {
    "app": {
        "thing": {"en": ["app", "application", "app", "tool"],
                  "fr": ["appli", "application", "app", "outil"]},
        "feature": {
            "en": ["the sync", "notifications", "the login", "the dark mode", "the search",
                   "the widget", "offline mode", "the new design", "payments", "the calendar",
                   "the export", "the camera upload", "the chat", "backups"],
            "fr": ["la synchro", "les notifications", "la connexion", "le mode sombre",
                   "la recherche", "le widget", "le mode hors ligne", "le nouveau design",
                   "les paiements", "le calendrier", "l'export", "le chat", "les sauvegardes"],
        },
    },
    "shop": {
        "thing": {"en": ["shop", "store", "brand", "website", "company"],
                  "fr": ["boutique", "marque", "site", "magasin", "enseigne"]},
        "feature": {
            "en": ["delivery", "the packaging", "customer service", "the return policy",
                   "the sizes", "the prices", "the checkout", "the tracking", "the quality",
                   "the refund", "the stock", "the promo codes"],
            "fr": ["la livraison", "l'emballage", "le service client", "les retours",
                   "les tailles", "les prix", "le paiement", "le suivi du colis", "la qualité",
                   "le remboursement", "le stock", "les codes promo"],
        },
    },
    "place": {
        "thing": {"en": ["restaurant", "place", "hotel", "spot", "cafe"],
                  "fr": ["restaurant", "endroit", "hôtel", "resto", "café"]},
        "feature": {
            "en": ["the staff", "the food", "the rooms", "the service", "the view",
                   "breakfast", "the wait", "the music", "the terrace", "the cleanliness",
                   "the menu", "parking"],
            "fr": ["le personnel", "la cuisine", "les chambres", "le service", "la vue",
                   "le petit déjeuner", "l'attente", "la musique", "la terrasse", "la propreté",
                   "la carte", "le parking"],
        },
    },
}

BANKS: dict[str, dict[str, list[str]]] = {
    "open_pos": {
        "en": ["Really happy with this {thing}.", "Been using {name} for a while now.",
               "I was skeptical at first.", "Honestly one of the better ones.",
               "My sister recommended {name}.", "Second time I write a review here.",
               "Switched from a competitor last month.", "Solid {thing}.",
               "Does what it says.", "Pleasant surprise.", "Five stars from me.",
               "Very good experience overall.", "I don't usually leave reviews but",
               "Tried it after seeing an ad.", "Using it daily since spring."],
        "fr": ["Très content de cette {thing}.", "J'utilise {name} depuis un moment.",
               "J'étais sceptique au début.", "Franchement une des meilleures.",
               "Ma sœur m'a conseillé {name}.", "Deuxième avis que je laisse ici.",
               "J'ai changé de fournisseur le mois dernier.", "Bonne {thing}.",
               "Fait ce qui est promis.", "Agréable surprise.", "Cinq étoiles pour moi.",
               "Très bonne expérience dans l'ensemble.", "Je laisse rarement des avis mais",
               "Testé après avoir vu une pub.", "Je m'en sers tous les jours."],
    },
    "open_neg": {
        "en": ["Very disappointed.", "I wanted to like {name}.", "Not what I expected.",
               "Used to be good.", "Frustrating experience.", "Avoid if you can.",
               "I have been a customer for years and", "Where do I start.",
               "Second time this happens.", "Honestly annoyed.", "Meh.",
               "Had high hopes.", "This is getting worse.", "Sadly I have to lower my rating."],
        "fr": ["Très déçu.", "J'avais envie d'aimer {name}.", "Pas ce que j'attendais.",
               "C'était mieux avant.", "Expérience frustrante.", "À éviter.",
               "Client depuis des années et", "Par où commencer.",
               "Deuxième fois que ça arrive.", "Franchement agacé.", "Bof.",
               "J'en attendais beaucoup.", "Ça se dégrade.", "Je baisse ma note, dommage."],
    },
    "body_pos": {
        "en": ["{feature} works really well.", "{feature} is fast and reliable.",
               "I love {feature}.", "{feature} is a nice touch.",
               "{feature} saved me a lot of time.", "no complaints about {feature}.",
               "{feature} is better than elsewhere.", "{feature} was great this time.",
               "{feature} exceeded my expectations.", "the team clearly cares about {feature}.",
               "{feature} got much better recently.", "{feature} is simple and clear."],
        "fr": ["{feature} marche très bien.", "{feature} est rapide et fiable.",
               "j'adore {feature}.", "{feature} est un vrai plus.",
               "{feature} me fait gagner du temps.", "rien à redire sur {feature}.",
               "{feature} est mieux qu'ailleurs.", "{feature} était top cette fois.",
               "{feature} a dépassé mes attentes.", "on sent le soin mis dans {feature}.",
               "{feature} s'est beaucoup amélioré.", "{feature} est simple et clair."],
    },
    "body_neg": {
        "en": ["{feature} keeps failing.", "{feature} is a mess.",
               "{feature} took forever.", "{feature} never works when I need it.",
               "{feature} is worse since the last change.", "nobody answered about {feature}.",
               "{feature} is overpriced for what it is.", "{feature} was a joke.",
               "I gave up on {feature}.", "{feature} broke twice this week.",
               "{feature} is confusing.", "{feature} ruined the experience."],
        "fr": ["{feature} plante sans arrêt.", "{feature} est une catastrophe.",
               "{feature} a pris une éternité.", "{feature} ne marche jamais quand il faut.",
               "{feature} est pire depuis le dernier changement.",
               "personne n'a répondu pour {feature}.", "{feature} est trop cher pour ce que c'est.",
               "{feature} était une blague.", "j'ai abandonné {feature}.",
               "{feature} a lâché deux fois cette semaine.", "{feature} est confus.",
               "{feature} a gâché l'expérience."],
    },
    "body_mid": {
        "en": ["{feature} is fine but could be better.", "{feature} is ok, nothing special.",
               "mixed feelings about {feature}.", "{feature} works most of the time.",
               "{feature} needs some polish."],
        "fr": ["{feature} est correct sans plus.", "{feature} est ok, rien de spécial.",
               "avis mitigé sur {feature}.", "{feature} marche la plupart du temps.",
               "{feature} manque un peu de finition."],
    },
    "detail": {
        "en": ["It took {n} days.", "I tried {n} times.", "Paid about {n}0 euros.",
               "Waited {n} hours.", "Used it on my phone and my laptop.",
               "My kids use it too.", "We were {n} people.", "Ordered on a Sunday.",
               "Contacted support by email.", "Checked again this morning.",
               "Compared with two other options.", "On the latest version."],
        "fr": ["Ça a pris {n} jours.", "J'ai essayé {n} fois.", "Payé environ {n}0 euros.",
               "Attendu {n} heures.", "Utilisé sur téléphone et ordi.",
               "Mes enfants s'en servent aussi.", "Nous étions {n}.",
               "Commandé un dimanche.", "Contacté le support par mail.",
               "Revérifié ce matin.", "Comparé avec deux autres options.",
               "Sur la dernière version."],
    },
    "close_pos": {
        "en": ["Recommended.", "Keep it up!", "Will use again.", "Thanks to the team.",
               "Worth it.", "Totally recommend {name}.", "", "", "Happy customer."],
        "fr": ["Je recommande.", "Continuez comme ça !", "Je reviendrai.",
               "Merci à l'équipe.", "Ça vaut le coup.", "Je recommande {name}.", "", "",
               "Client satisfait."],
    },
    "close_neg": {
        "en": ["Not recommended.", "Fix it please.", "Uninstalling.", "Never again.",
               "Look elsewhere.", "Very poor.", "", "", "Waste of money."],
        "fr": ["Je déconseille.", "Corrigez ça svp.", "Je désinstalle.", "Plus jamais.",
               "Allez voir ailleurs.", "Très décevant.", "", "", "Argent perdu."],
    },
    "short_pos": {
        "en": ["Great app!", "Love it", "Perfect", "Excellent service", "Very good",
               "Nice", "Top", "Super", "Amazing", "Good value"],
        "fr": ["Super appli !", "J'adore", "Parfait", "Excellent service", "Très bien",
               "Top", "Génial", "Rien à dire", "Nickel", "Bon rapport qualité prix"],
    },
    "short_neg": {
        "en": ["Useless", "Terrible", "Doesn't work", "Bad", "Awful service", "Scam?",
               "Crashes", "Disappointing"],
        "fr": ["Nul", "Horrible", "Ne marche pas", "Mauvais", "Service déplorable",
               "Arnaque ?", "Plante", "Décevant"],
    },
    "title_pos": {
        "en": ["Great", "Love it", "Works well", "Recommended", "Good stuff", "Finally"],
        "fr": ["Super", "J'adore", "Fonctionne bien", "Recommandé", "Top", "Enfin"],
    },
    "title_neg": {
        "en": ["Disappointed", "Not good", "Broken", "Avoid", "Meh", "Why"],
        "fr": ["Déçu", "Pas terrible", "Cassé", "À éviter", "Bof", "Pourquoi"],
    },
    # Campaign-specific themes (fake reviews share a story more than genuine ones).
    "smear": {
        "en": ["This {thing} is a total scam.", "They stole my money.",
               "Fake company, do not trust them.", "Worst {thing} ever, zero stars if I could.",
               "They never refund anyone.", "Stay away from {name}.",
               "Customer service laughs at you.", "Complete fraud.",
               "Everything here is fake.", "I lost everything because of {name}."],
        "fr": ["Cette {thing} est une arnaque totale.", "Ils ont volé mon argent.",
               "Fausse société, ne leur faites pas confiance.",
               "Pire {thing} de tous les temps, zéro étoile si je pouvais.",
               "Ils ne remboursent jamais personne.", "Fuyez {name}.",
               "Le service client se moque de vous.", "Escroquerie complète.",
               "Tout est faux ici.", "J'ai tout perdu à cause de {name}."],
    },
    "boost": {
        "en": ["Best {thing} ever!", "Absolutely perfect, five stars!",
               "{name} changed my life.", "Amazing, everyone should use {name}.",
               "Incredible quality, highly recommended!", "Perfect in every way.",
               "Wow just wow.", "The best on the market, no doubt."],
        "fr": ["Meilleure {thing} du monde !", "Absolument parfait, cinq étoiles !",
               "{name} a changé ma vie.", "Incroyable, tout le monde devrait utiliser {name}.",
               "Qualité incroyable, je recommande vivement !", "Parfait en tout point.",
               "Waouh.", "Le meilleur du marché, sans hésiter."],
    },
}

INCIDENTS: dict[str, list[dict[str, list[str]]]] = {
    "app": [
        {"en": ["can't log in since this morning", "login is down", "the login page just spins",
                "locked out of my account", "says my password is wrong but it isn't"],
         "fr": ["impossible de me connecter depuis ce matin", "la connexion est en panne",
                "la page de connexion tourne dans le vide", "bloqué hors de mon compte",
                "mot de passe refusé alors qu'il est bon"]},
        {"en": ["the update deleted my data", "lost all my notes after updating",
                "the new version wiped my settings", "everything is gone since the update"],
         "fr": ["la mise à jour a effacé mes données", "perdu toutes mes notes avec la mise à jour",
                "la nouvelle version a remis mes réglages à zéro",
                "tout a disparu depuis la mise à jour"]},
    ],
    "shop": [
        {"en": ["my order never arrived", "parcel stuck for a week", "still waiting for my package",
                "tracking has not moved in days", "delivery was cancelled without notice"],
         "fr": ["ma commande n'est jamais arrivée", "colis bloqué depuis une semaine",
                "j'attends toujours mon paquet", "le suivi ne bouge plus depuis des jours",
                "livraison annulée sans prévenir"]},
        {"en": ["charged twice for one order", "double payment and no answer",
                "my card was billed two times", "they took the money twice"],
         "fr": ["débité deux fois pour une commande", "double paiement et pas de réponse",
                "ma carte a été prélevée deux fois", "ils ont pris l'argent deux fois"]},
    ],
    "place": [
        {"en": ["got sick after eating there", "food poisoning after dinner",
                "half our table was ill the next day", "something was off with the fish"],
         "fr": ["malade après y avoir mangé", "intoxication après le dîner",
                "la moitié de la table malade le lendemain", "le poisson n'était pas frais"]},
        {"en": ["booking was cancelled at the last minute", "they lost our reservation",
                "no room despite the confirmation", "overbooked and turned us away"],
         "fr": ["réservation annulée à la dernière minute", "ils ont perdu notre réservation",
                "pas de chambre malgré la confirmation", "surbooké, on nous a renvoyés"]},
    ],
}

SYNONYMS: dict[str, list[str]] = {
    "great": ["awesome", "excellent", "fantastic"], "bad": ["poor", "awful", "terrible"],
    "money": ["cash", "funds"], "never": ["not once", "never ever"],
    "best": ["greatest", "finest"], "fake": ["bogus", "phony"], "scam": ["fraud", "rip-off"],
    "perfect": ["flawless", "ideal"], "amazing": ["incredible", "wonderful"],
    "worst": ["most awful", "poorest"], "trust": ["believe"], "company": ["business", "firm"],
    "arnaque": ["escroquerie", "fraude"], "parfait": ["impeccable", "idéal"],
    "incroyable": ["dingue", "génial"], "pire": ["plus nul"], "argent": ["fric", "sous"],
    "jamais": ["pas une fois"], "meilleur": ["top"], "meilleure": ["top"],
    "recommend": ["suggest", "advise"], "recommande": ["conseille"],
}

FIRST_NAMES = {
    "en": ["james", "mary", "john", "linda", "mike", "sarah", "david", "emma", "chris", "kate",
           "tom", "lucy", "dan", "olivia", "sam", "amy", "ben", "jess", "paul", "nina", "mark",
           "zoe", "alex", "ryan", "hannah", "nick", "laura", "jack", "ella", "matt"],
    "fr": ["julien", "camille", "nicolas", "lea", "thomas", "manon", "pierre", "chloe", "hugo",
           "ines", "louis", "sarah", "antoine", "julie", "maxime", "clara", "lucas", "emma",
           "paul", "marie", "theo", "lucie", "quentin", "pauline", "romain", "elise"],
}

NICK_WORDS = ["cat", "moon", "pixel", "wolf", "sun", "rider", "gamer", "lover", "fox", "bee",
              "star", "sky", "coffee", "ninja", "panda", "runner", "chef", "dreamer", "rose",
              "tiger", "owl", "cloud", "river", "storm"]

TARGET_NAMES = ["Bloomly", "Kaptain Pay", "Nordik Shop", "Le Petit Zinc", "TaskHive", "Voltia",
                "Maison Arlo", "Quickcab", "Boulangerie Rive", "PhotoNest", "Trekko",
                "Hôtel des Pins", "Zappa Food", "Lumen Bank", "Café Nuage", "FitPulse",
                "Oria Cosmetics", "Parcelo", "Bistro 42", "NoteCraft"]

#: Cities of a chain's branches, for streams with more targets than brands.
BRANCH_CITIES = ["Paris", "Lyon", "Lille", "Nantes", "Bordeaux", "Toulouse", "Marseille",
                 "Montréal", "Québec", "Laval", "Gatineau", "Sherbrooke", "Bruxelles",
                 "Genève"]

#: Parts of a personal anecdote (when, who, did what, what about it): thousands of
#: combinations, so that genuine reviews rarely repeat each other by chance.
ANECDOTE: dict[str, dict[str, list[str]]] = {
    "when": {
        "en": ["Last Tuesday", "Yesterday", "This morning", "Over the weekend", "Two weeks ago",
               "During my lunch break", "On my way home", "Back in March", "Right after payday",
               "Before my trip", "Late last night", "On Christmas eve", "Earlier today",
               "After a long day", "Between two meetings"],
        "fr": ["Mardi dernier", "Hier", "Ce matin", "Ce week-end", "Il y a deux semaines",
               "Pendant ma pause déjeuner", "En rentrant du boulot", "En mars", "Juste après la paie",
               "Avant mon voyage", "Tard hier soir", "La veille de Noël", "Tout à l'heure",
               "Après une longue journée", "Entre deux réunions"],
    },
    "who": {
        "en": ["my husband", "my daughter", "I", "my colleague", "my neighbour", "my dad",
               "my best friend", "my partner and I", "my son", "my mum", "our whole team",
               "my flatmate"],
        "fr": ["mon mari", "ma fille", "je", "mon collègue", "ma voisine", "mon père",
               "ma meilleure amie", "mon copain et moi", "mon fils", "ma mère", "toute l'équipe",
               "ma coloc"],
    },
    "did": {
        "en": ["tried", "had to deal with", "finally tested", "looked at", "spent an hour on",
               "complained about", "showed me", "compared", "gave another chance to",
               "paid for", "set up", "double-checked"],
        "fr": ["a essayé", "a dû gérer", "a enfin testé", "a regardé", "a passé une heure sur",
               "s'est plaint de", "m'a montré", "a comparé", "a redonné une chance à",
               "a payé", "a configuré", "a revérifié"],
    },
    "after": {
        "en": ["and it went smoothly", "and we laughed about it", "with mixed results",
               "and nothing happened for a while", "which surprised us", "as usual",
               "for the first time", "on the old phone", "while the kids were asleep",
               "with a coupon", "in the rain", "before dinner", "at the station"],
        "fr": ["et tout s'est bien passé", "et on en a ri", "avec des résultats mitigés",
               "et rien ne s'est passé pendant un moment", "ce qui nous a surpris", "comme d'habitude",
               "pour la première fois", "sur le vieux téléphone", "pendant que les enfants dormaient",
               "avec un bon de réduction", "sous la pluie", "avant le dîner", "à la gare"],
    },
}
