"""Shared exercise library and caregiver training guides.

Pure data, loaded into the database by the demo/seed commands. Text is written for clients
and caregivers in plain words (about a 6th-8th grade reading level). Image paths are
relative to ``static/``. Spanish (``es``) is complete for the demo plans and for the four
guides the demo assigns (bed-to-chair, bathing, making the home safer, dressing); elsewhere it
is optional and callers fall back to English. Guide steps are matched by position.
"""


def N_(text: str) -> str:
    """Mark a label for the message catalogue; templates translate it with _(label)."""
    return text


CATEGORIES = {
    "fine_motor": N_("Fine motor"),
    "gross_motor": N_("Gross motor"),
    "balance": N_("Balance"),
    "range_of_motion": N_("Range of motion"),
    "strength": N_("Strength"),
    "adl_practice": N_("Daily living practice"),
    "cognition": N_("Thinking and memory"),
    "vision": N_("Vision"),
    "sensory": N_("Sensory"),
    "feeding": N_("Eating and feeding"),
    "community_mobility": N_("Getting around outside"),
    "energy_conservation": N_("Saving energy"),
    "handwriting": N_("Handwriting"),
    "social": N_("Social"),
}

SPECIALTIES = {
    "paediatrics": N_("Children and school"),
    "autism": N_("Autism"),
    "geriatrics": N_("Older adults"),
    "mental_health": N_("Mental health"),
    "physical_rehab": N_("Physical rehabilitation"),
    "driving_community": N_("Driving and community mobility"),
    "home_modification": N_("Home modification"),
    "feeding": N_("Feeding, eating and swallowing"),
    "low_vision": N_("Low vision"),
}

# Each exercise: purpose is the client-facing "why this helps"; dosage fields are defaults
# (0 = not used) that the therapist can change per plan item.
EXERCISES = [
    {
        "slug": "putty-squeeze",
        "title": "Putty squeeze",
        "category": "fine_motor",
        "specialties": ["physical_rehab", "geriatrics"],
        "purpose": "A stronger grip makes it easier to open jars, hold a cup and turn keys.",
        "steps": [
            "Sit at a table with your forearm resting on it.",
            "Roll the putty into a ball about the size of an egg.",
            "Hold the ball in your hand and squeeze it as hard as is comfortable.",
            "Hold the squeeze for 3 seconds, then slowly open your hand.",
            "Roll the putty back into a ball and repeat.",
        ],
        "safety": [
            "Stop if you feel sharp pain, numbness or tingling.",
            "Use the putty your therapist chose. Do not switch to a firmer one until they say so.",
            "Keep putty away from small children and pets, and off carpets and clothes.",
        ],
        "equipment": ["Therapy putty (soft)", "Table"],
        "sets": 2,
        "reps": 10,
        "hold_seconds": 3,
        "minutes": 0,
        "image": "img/exercises/putty-squeeze.svg",
        "es": {
            "title": "Apretar la masilla",
            "purpose": (
                "Un agarre más fuerte le facilita abrir frascos, sostener una taza y girar llaves."
            ),
            "steps": [
                "Siéntese a una mesa con el antebrazo apoyado en ella.",
                "Haga una bola con la masilla, más o menos del tamaño de un huevo.",
                "Sostenga la bola en la mano y apriétela tan fuerte como le resulte cómodo.",
                "Mantenga el apretón 3 segundos y luego abra la mano despacio.",
                "Vuelva a hacer la bola y repita.",
            ],
            "safety": [
                "Pare si siente un dolor agudo, adormecimiento u hormigueo.",
                (
                    "Use la masilla que eligió su terapeuta. No cambie a una más dura hasta que se"
                    " lo indique."
                ),
                (
                    "Mantenga la masilla lejos de niños pequeños y mascotas, y fuera de alfombras "
                    "y ropa."
                ),
            ],
            "equipment": ["Masilla terapéutica (blanda)", "Mesa"],
        },
    },
    {
        "slug": "finger-opposition",
        "title": "Thumb-to-finger touches",
        "category": "fine_motor",
        "specialties": ["physical_rehab", "geriatrics"],
        "purpose": (
            "Touching your thumb to each fingertip builds the control you need to do up buttons, "
            "pick up coins and hold a pen."
        ),
        "steps": [
            "Sit with your forearm resting on a table or your lap, palm up.",
            'Touch the tip of your thumb to the tip of your pointer finger, making a round "O".',
            "Open your hand, then touch your thumb to your middle finger.",
            "Do the same with your ring finger and then your little finger.",
            "Go back the other way, from little finger to pointer finger. That is one round.",
        ],
        "safety": [
            "Move slowly and aim for a neat touch, not speed.",
            "Stop if you feel sharp pain.",
        ],
        "equipment": [],
        "sets": 2,
        "reps": 5,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/finger-opposition.svg",
        "es": {
            "title": "Tocar cada dedo con el pulgar",
            "purpose": (
                "Tocar la punta de cada dedo con el pulgar le da el control que necesita para "
                "abrochar botones, recoger monedas y sostener un bolígrafo."
            ),
            "steps": [
                (
                    "Siéntese con el antebrazo apoyado en una mesa o en su regazo, con la palma "
                    "hacia arriba."
                ),
                (
                    'Toque la punta del dedo índice con la punta del pulgar, formando una "O" '
                    "redonda."
                ),
                "Abra la mano y luego toque el dedo medio con el pulgar.",
                "Haga lo mismo con el dedo anular y luego con el meñique.",
                "Vuelva en sentido contrario, del meñique al índice. Eso es una vuelta.",
            ],
            "safety": [
                "Muévase despacio y busque un toque preciso, no rapidez.",
                "Pare si siente un dolor agudo.",
            ],
            "equipment": [],
        },
    },
    {
        "slug": "coin-pick-up",
        "title": "Coin pick-up",
        "category": "fine_motor",
        "specialties": ["physical_rehab", "paediatrics"],
        "purpose": (
            "Picking up small, flat things trains the fingertip pinch you use for coins, pills and"
            " buttons."
        ),
        "steps": [
            "Spread 10 coins flat on a table.",
            "Pick up one coin at a time using your thumb and pointer finger.",
            "Drop each coin into a cup or the slot of a piggy bank.",
            "When all the coins are in, tip them out and start again.",
            (
                "To make it harder, hold a few coins in your palm and move one at a time to your "
                "fingertips before dropping it in."
            ),
        ],
        "safety": [
            "Keep coins away from young children and anyone who may put them in their mouth.",
            "Take a break if your hand gets tired or cramps.",
        ],
        "equipment": ["Coins", "Cup or piggy bank", "Table"],
        "sets": 2,
        "reps": 10,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/coin-pick-up.svg",
    },
    {
        "slug": "peg-board",
        "title": "Pegboard",
        "category": "fine_motor",
        "specialties": ["paediatrics", "physical_rehab"],
        "purpose": (
            "Putting pegs in holes makes your fingers quicker and more exact, which makes writing,"
            " building and getting dressed easier."
        ),
        "steps": [
            "Sit at a table with the pegboard in front of you and the pegs in a small bowl.",
            "Pick up one peg with your fingertips.",
            "Put it in a hole. Start at the top row and work from left to right.",
            "Fill the board, then take the pegs out one at a time and put them back in the bowl.",
            (
                "To make it harder, copy a pattern, or hold a few pegs in your hand and move them "
                "one by one to your fingertips."
            ),
        ],
        "safety": [
            "Small pegs can be a choking risk: an adult should watch young children.",
            "Stop if your hand gets sore.",
        ],
        "equipment": ["Pegboard and pegs", "Small bowl", "Table"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 5,
        "image": "img/exercises/peg-board.svg",
        "es": {
            "title": "Tablero de clavijas",
            "purpose": (
                "Poner clavijas en los agujeros hace que tus dedos sean más rápidos y precisos, y "
                "así escribir, construir y vestirte es más fácil."
            ),
            "steps": [
                "Siéntate a una mesa con el tablero delante y las clavijas en un tazón pequeño.",
                "Toma una clavija con la punta de los dedos.",
                "Ponla en un agujero. Empieza por la fila de arriba y ve de izquierda a derecha.",
                "Llena el tablero y luego saca las clavijas una por una y devuélvelas al tazón.",
                (
                    "Para hacerlo más difícil, copia un dibujo, o guarda varias clavijas en la "
                    "mano y pásalas una a una a la punta de los dedos."
                ),
            ],
            "safety": [
                (
                    "Las clavijas pequeñas pueden causar atragantamiento: un adulto debe vigilar a"
                    " los niños pequeños."
                ),
                "Para si te duele la mano.",
            ],
            "equipment": ["Tablero y clavijas", "Tazón pequeño", "Mesa"],
        },
    },
    {
        "slug": "scissor-skills",
        "title": "Scissor skills",
        "category": "fine_motor",
        "specialties": ["paediatrics", "autism"],
        "purpose": (
            "Cutting with scissors builds hand strength and helps your two hands work as a team, "
            "which helps with writing, crafts and opening packets."
        ),
        "steps": [
            (
                "Sit at the table with your feet flat. Hold the scissors thumb-up: thumb in the "
                "small hole, fingers in the big hole."
            ),
            "Hold the paper with your other hand, thumb on top, like a thumbs-up.",
            "Open and close the scissors to snip small fringes along the edge of a paper strip.",
            "Cut along a thick, straight line from one side of the paper to the other.",
            (
                "When you can stay on straight lines, try gentle curves and then a simple shape "
                "like a circle. Turn the paper with your helper hand, not the scissors."
            ),
        ],
        "safety": [
            "Use child-safe scissors with rounded tips, with an adult watching.",
            "Always walk with scissors closed and pointing down.",
            "Keep the fingers of your helper hand away from the blades.",
        ],
        "equipment": ["Child-safe scissors", "Paper strips", "Thick marker", "Table"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 10,
        "image": "img/exercises/scissor-skills.svg",
        "es": {
            "title": "Práctica con tijeras",
            "purpose": (
                "Cortar con tijeras fortalece la mano y ayuda a que tus dos manos trabajen en "
                "equipo, lo que ayuda a escribir, hacer manualidades y abrir paquetes."
            ),
            "steps": [
                (
                    "Siéntate a la mesa con los pies planos en el suelo. Sujeta las tijeras con el"
                    " pulgar hacia arriba: el pulgar en el agujero pequeño y los otros dedos en el"
                    " grande."
                ),
                (
                    "Sujeta el papel con la otra mano, con el pulgar encima, como si hicieras un "
                    'gesto de "todo bien".'
                ),
                (
                    "Abre y cierra las tijeras para hacer cortes pequeños, como flecos, en el "
                    "borde de una tira de papel."
                ),
                "Corta siguiendo una línea recta y gruesa de un lado del papel al otro.",
                (
                    "Cuando puedas seguir las líneas rectas, prueba con curvas suaves y luego con "
                    "una figura sencilla, como un círculo. Gira el papel con la mano que ayuda, no"
                    " las tijeras."
                ),
            ],
            "safety": [
                "Usa tijeras de seguridad con punta redonda, y siempre con un adulto vigilando.",
                "Camina siempre con las tijeras cerradas y apuntando hacia abajo.",
                "Mantén los dedos de la mano que ayuda lejos de las cuchillas.",
            ],
            "equipment": [
                "Tijeras de seguridad para niños",
                "Tiras de papel",
                "Rotulador grueso",
                "Mesa",
            ],
        },
    },
    {
        "slug": "animal-walks",
        "title": "Animal walks",
        "category": "gross_motor",
        "specialties": ["paediatrics", "autism"],
        "purpose": (
            "Moving like animals builds strength in the arms, legs and tummy, and improves body "
            "awareness and coordination for sport, play and sitting still at school."
        ),
        "steps": [
            "Clear a space about 4 metres (13 feet) long on a carpet or mat.",
            "Bear walk: walk on hands and feet with your bottom up high, to the end and back.",
            (
                "Crab walk: sit, put your hands behind you, lift your bottom and walk on hands and"
                " feet."
            ),
            "Frog jumps: squat down with hands on the floor, then jump forward and land softly.",
            "Rest for a minute, then do each walk once more.",
        ],
        "safety": [
            "Clear away furniture and toys with sharp corners first.",
            "Stop if the child's wrists, back or knees hurt.",
        ],
        "equipment": ["Clear floor space", "Soft mat or carpet"],
        "sets": 2,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 10,
        "image": "img/exercises/animal-walks.svg",
    },
    {
        "slug": "ball-toss-and-catch",
        "title": "Ball toss and catch",
        "category": "gross_motor",
        "specialties": ["paediatrics", "physical_rehab"],
        "purpose": (
            "Throwing and catching trains your eyes, arms and balance to work together, which "
            "helps in play, sport and catching yourself if you trip."
        ),
        "steps": [
            "Stand or sit facing a partner about 2 metres (6 feet) apart.",
            "Hold a large, soft ball in both hands.",
            "Toss the ball underarm to your partner, aiming at their chest.",
            "Catch the ball with both hands, bringing it in toward your body.",
            "When this is easy, step further apart, use a smaller ball, or throw with one hand.",
        ],
        "safety": [
            "Use a soft, light ball and a space clear of breakable things.",
            "If your balance is poor, do this sitting in a sturdy chair with arms.",
        ],
        "equipment": ["Large soft ball", "A partner"],
        "sets": 2,
        "reps": 10,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/ball-toss-and-catch.svg",
    },
    {
        "slug": "seated-marching",
        "title": "Seated marching",
        "category": "gross_motor",
        "specialties": ["geriatrics", "physical_rehab"],
        "purpose": (
            "Marching in your chair gets your heart going and keeps your hips and legs moving, "
            "which helps with walking and getting up."
        ),
        "steps": [
            "Sit tall near the front of a sturdy chair with arms, feet flat on the floor.",
            "Hold the armrests if you need to.",
            "Lift your right knee up toward the ceiling, then lower your foot to the floor.",
            "Lift your left knee, then lower it.",
            "Keep marching at a steady pace, swinging your arms if you can.",
        ],
        "safety": [
            "Breathe normally. Stop if you feel chest pain, dizziness or are very short of breath.",
            "Slow down if you cannot talk while marching.",
        ],
        "equipment": ["Sturdy chair with arms"],
        "sets": 2,
        "reps": 20,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/seated-marching.svg",
    },
    {
        "slug": "standing-balance-counter",
        "title": "Standing balance at the counter",
        "category": "balance",
        "specialties": ["geriatrics", "physical_rehab"],
        "purpose": "Better balance helps you stand safely while you cook, wash up and get dressed.",
        "steps": [
            (
                "Stand facing a kitchen counter with both hands resting lightly on it, feet "
                "hip-width apart."
            ),
            "Put a sturdy chair behind you.",
            "Stand tall and look straight ahead.",
            "Lift your hands just off the counter and hold your balance for up to 30 seconds.",
            "Put your hands back down whenever you need to.",
            "When this is easy, stand with your feet closer together.",
        ],
        "safety": [
            "Always do this at a steady counter, with a chair behind you.",
            "Have someone nearby the first few times.",
            "Stop and sit down if you feel dizzy.",
        ],
        "equipment": ["Kitchen counter", "Sturdy chair with arms"],
        "sets": 3,
        "reps": 1,
        "hold_seconds": 30,
        "minutes": 0,
        "image": "img/exercises/standing-balance-counter.svg",
    },
    {
        "slug": "heel-toe-raises",
        "title": "Heel and toe raises",
        "category": "balance",
        "specialties": ["geriatrics", "physical_rehab"],
        "purpose": (
            "Strong ankles help you catch your balance if you trip, and make walking and stairs "
            "easier."
        ),
        "steps": [
            "Stand facing a kitchen counter with both hands on it, feet hip-width apart.",
            "Slowly rise up onto your toes.",
            "Hold for 2 seconds, then lower your heels slowly.",
            "Now rock back onto your heels, lifting your toes off the floor.",
            "Hold for 2 seconds, then lower your toes. That is one.",
        ],
        "safety": [
            "Always hold on to a steady counter.",
            "Have someone nearby if your balance is poor.",
            "Stop if you get cramp or pain in your calves.",
        ],
        "equipment": ["Kitchen counter"],
        "sets": 2,
        "reps": 10,
        "hold_seconds": 2,
        "minutes": 0,
        "image": "img/exercises/heel-toe-raises.svg",
    },
    {
        "slug": "tandem-stance",
        "title": "Heel-to-toe standing",
        "category": "balance",
        "specialties": ["geriatrics", "physical_rehab"],
        "purpose": (
            "Standing with one foot in front of the other trains the balance you need for narrow "
            "spaces, like a bathroom or a busy shop."
        ),
        "steps": [
            (
                "Stand facing a kitchen counter with both hands resting on it, with a chair behind"
                " you."
            ),
            (
                "Place one foot directly in front of the other, so the heel touches the toes of "
                "the back foot."
            ),
            "Stand tall and look ahead. Lift your hands slightly off the counter if you can.",
            "Hold for up to 30 seconds.",
            "Switch feet so the other foot is in front, and hold again.",
        ],
        "safety": [
            "This is a harder balance exercise: have someone standing beside you.",
            "Keep your hands ready to hold the counter at all times.",
            "Stop and sit down if you feel dizzy.",
        ],
        "equipment": ["Kitchen counter", "Sturdy chair with arms"],
        "sets": 2,
        "reps": 1,
        "hold_seconds": 30,
        "minutes": 0,
        "image": "img/exercises/tandem-stance.svg",
    },
    {
        "slug": "reaching-in-sitting",
        "title": "Reaching while sitting",
        "category": "balance",
        "specialties": ["physical_rehab", "geriatrics"],
        "purpose": (
            "Reaching out and coming back to the middle while you sit trains your balance for "
            "dressing, washing and picking things up."
        ),
        "steps": [
            "Sit near the front of a sturdy chair with arms, without leaning back, feet flat.",
            "Put 5 small objects on a table in front of you, some to each side.",
            "Reach for one object, pick it up and place it in the middle of the table.",
            "Sit back up tall each time before the next reach.",
            (
                "After a stroke, use your weaker hand when you can, and reach across your body to "
                "both sides."
            ),
        ],
        "safety": [
            (
                "Only reach as far as you feel safe. Do not reach down to the floor unless your "
                "therapist says so."
            ),
            "Have someone nearby if you tend to lean or slide to one side.",
        ],
        "equipment": ["Sturdy chair with arms", "Table", "Small household objects (cups, cans)"],
        "sets": 2,
        "reps": 10,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/reaching-in-sitting.svg",
    },
    {
        "slug": "table-towel-slides",
        "title": "Towel slides on the table",
        "category": "range_of_motion",
        "specialties": ["physical_rehab", "geriatrics"],
        "purpose": (
            "Sliding your arm across the table gets your shoulder and elbow moving again while the"
            " table takes the weight. This helps you reach for a cup or wipe a counter."
        ),
        "steps": [
            "Sit at a table with a small towel in front of you.",
            (
                "Place your weaker hand flat on the towel. Put your stronger hand on top to help "
                "if needed."
            ),
            (
                "Slowly slide the towel forward as far as is comfortable, leaning your body "
                "forward a little."
            ),
            "Slide the towel back toward you.",
            "Then slide it out to the side and back, and in circles, like wiping the table.",
        ],
        "safety": [
            "Keep the movement slow and pain-free. Stop if your shoulder hurts.",
            "Do not let anyone pull on your weaker arm.",
        ],
        "equipment": ["Table", "Small towel", "Sturdy chair with arms"],
        "sets": 2,
        "reps": 10,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/table-towel-slides.svg",
        "es": {
            "title": "Deslizar la toalla sobre la mesa",
            "purpose": (
                "Deslizar el brazo sobre la mesa vuelve a poner en movimiento el hombro y el codo "
                "mientras la mesa sostiene el peso. Esto le ayuda a alcanzar una taza o limpiar "
                "una encimera."
            ),
            "steps": [
                "Siéntese a una mesa con una toalla pequeña delante.",
                (
                    "Ponga la mano más débil plana sobre la toalla. Si hace falta, ponga la mano "
                    "más fuerte encima para ayudar."
                ),
                (
                    "Deslice la toalla despacio hacia delante tan lejos como le resulte cómodo, "
                    "inclinando un poco el cuerpo hacia delante."
                ),
                "Deslice la toalla de vuelta hacia usted.",
                (
                    "Luego deslícela hacia un lado y de vuelta, y en círculos, como si limpiara la"
                    " mesa."
                ),
            ],
            "safety": [
                "Haga el movimiento lento y sin dolor. Pare si le duele el hombro.",
                "No deje que nadie tire de su brazo más débil.",
            ],
            "equipment": ["Mesa", "Toalla pequeña", "Silla firme con brazos"],
        },
    },
    {
        "slug": "shoulder-flexion-cane",
        "title": "Shoulder lifts with a cane",
        "category": "range_of_motion",
        "specialties": ["physical_rehab", "geriatrics"],
        "purpose": (
            "Keeping your shoulder moving makes it easier to reach shelves, brush your hair and "
            "put on a shirt, and helps prevent stiffness and pain."
        ),
        "steps": [
            "Sit tall in a sturdy chair with arms, or lie on your back on the bed.",
            "Hold a cane with both hands, shoulder-width apart, thumbs on top.",
            "Keep your elbows as straight as is comfortable.",
            (
                "Slowly lift the cane up in front of you as high as you can without pain. Let your"
                " stronger arm help the weaker one."
            ),
            "Hold for 3 seconds at the top, then slowly lower the cane.",
        ],
        "safety": [
            "Move only as far as is pain-free. Stop if you feel sharp pain in your shoulder.",
            "If your arm is weak after a stroke, lift only as high as your therapist showed you.",
            "Breathe normally; do not hold your breath.",
        ],
        "equipment": ["Cane or broom handle", "Sturdy chair with arms"],
        "sets": 2,
        "reps": 10,
        "hold_seconds": 3,
        "minutes": 0,
        "image": "img/exercises/shoulder-flexion-cane.svg",
    },
    {
        "slug": "wall-slides",
        "title": "Wall slides",
        "category": "range_of_motion",
        "specialties": ["physical_rehab", "geriatrics"],
        "purpose": (
            "Sliding your hands up a wall gently stretches a stiff shoulder so you can reach "
            "cupboards and wash your hair."
        ),
        "steps": [
            "Stand facing a wall, about a foot (30 cm) away, feet hip-width apart.",
            "Place your hands on the wall at shoulder height, with a small towel under each hand.",
            "Slowly slide your hands up the wall as high as is comfortable.",
            "Hold for 5 seconds, feeling a gentle stretch.",
            "Slowly slide your hands back down.",
        ],
        "safety": [
            "You should feel a gentle stretch, not pain. Stop if it hurts.",
            "Keep your shoulders down, away from your ears.",
            "Stand on a non-slip floor in non-slip shoes.",
        ],
        "equipment": ["Clear wall space", "Small towel"],
        "sets": 2,
        "reps": 10,
        "hold_seconds": 5,
        "minutes": 0,
        "image": "img/exercises/wall-slides.svg",
    },
    {
        "slug": "wrist-flexion-extension",
        "title": "Wrist up and down",
        "category": "range_of_motion",
        "specialties": ["physical_rehab", "geriatrics"],
        "purpose": (
            "Bending your wrist up and down keeps it flexible so you can push up from a chair, "
            "write and pour from a jug."
        ),
        "steps": [
            "Sit with your forearm resting on a table and your hand over the edge, palm down.",
            "Slowly lift your hand up as far as is comfortable, keeping your forearm on the table.",
            "Hold for 3 seconds.",
            "Slowly lower your hand as far as is comfortable and hold for 3 seconds.",
            "If your hand is weak, gently help it move with your other hand.",
        ],
        "safety": [
            "Stop if you feel sharp pain, numbness or tingling.",
            "Keep the movements slow and smooth, with no bouncing.",
        ],
        "equipment": ["Table", "Small towel"],
        "sets": 2,
        "reps": 10,
        "hold_seconds": 3,
        "minutes": 0,
        "image": "img/exercises/wrist-flexion-extension.svg",
        "es": {
            "title": "Muñeca arriba y abajo",
            "purpose": (
                "Doblar la muñeca hacia arriba y hacia abajo la mantiene flexible para que pueda "
                "apoyarse al levantarse de una silla, escribir y servir de una jarra."
            ),
            "steps": [
                (
                    "Siéntese con el antebrazo apoyado en una mesa y la mano fuera del borde, con "
                    "la palma hacia abajo."
                ),
                (
                    "Levante la mano despacio tan alto como le resulte cómodo, sin despegar el "
                    "antebrazo de la mesa."
                ),
                "Mantenga la posición 3 segundos.",
                "Baje la mano despacio tan abajo como le resulte cómodo y mantenga 3 segundos.",
                "Si la mano está débil, ayúdela a moverse con suavidad con la otra mano.",
            ],
            "safety": [
                "Pare si siente un dolor agudo, adormecimiento u hormigueo.",
                "Haga los movimientos lentos y suaves, sin rebotes.",
            ],
            "equipment": ["Mesa", "Toalla pequeña"],
        },
    },
    {
        "slug": "tendon-glides",
        "title": "Tendon glides",
        "category": "range_of_motion",
        "specialties": ["physical_rehab", "geriatrics"],
        "purpose": (
            "Moving your fingers through five shapes keeps the tendons sliding smoothly, so your "
            "hand stays flexible for gripping, writing and fastening clothes."
        ),
        "steps": [
            "Rest your elbow on a table with your hand straight, fingers pointing up.",
            (
                "Hook: bend the top two joints of your fingers, keeping the big knuckles straight."
                " Hold."
            ),
            "Full fist: curl your fingers into your palm, thumb on the outside. Hold.",
            "Tabletop: straighten your fingers, bending only at the big knuckles. Hold.",
            (
                "Straight fist: bend at the big and middle knuckles so your fingertips touch the "
                "base of your palm. Hold."
            ),
            "Open back to a straight hand. That is one round.",
        ],
        "safety": [
            "Move gently. You should feel a stretch, not pain.",
            "Stop if numbness or tingling gets worse.",
        ],
        "equipment": ["Table"],
        "sets": 1,
        "reps": 10,
        "hold_seconds": 3,
        "minutes": 0,
        "image": "img/exercises/tendon-glides.svg",
    },
    {
        "slug": "sit-to-stand",
        "title": "Sit to stand",
        "category": "strength",
        "specialties": ["geriatrics", "physical_rehab"],
        "purpose": (
            "Stronger legs make it easier to get up from a chair, the toilet or a car, and lower "
            "your risk of falls."
        ),
        "steps": [
            (
                "Sit near the front of a sturdy chair with arms, feet flat, hip-width apart and "
                "slightly behind your knees."
            ),
            "Lean forward so your nose is over your toes.",
            "Push through both feet (and the armrests if needed) and stand up tall.",
            "Stand still for a moment to get your balance.",
            (
                "Reach back for the armrests and sit down slowly, with control. Do not drop into "
                "the chair."
            ),
        ],
        "safety": [
            "Put the chair against a wall so it cannot slide.",
            "Have someone nearby if your balance is poor or you feel dizzy when you stand.",
            "Stop and sit if you feel dizzy, very short of breath or have chest pain.",
        ],
        "equipment": ["Sturdy chair with arms"],
        "sets": 2,
        "reps": 8,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/sit-to-stand.svg",
        "es": {
            "title": "Levantarse de la silla",
            "purpose": (
                "Unas piernas más fuertes le facilitan levantarse de una silla, del inodoro o del "
                "coche, y reducen el riesgo de caídas."
            ),
            "steps": [
                (
                    "Siéntese cerca del borde delantero de una silla firme con brazos, con los "
                    "pies planos, separados al ancho de las caderas y un poco por detrás de las "
                    "rodillas."
                ),
                (
                    "Inclínese hacia delante hasta que la nariz quede por encima de los dedos de "
                    "los pies."
                ),
                (
                    "Empuje con los dos pies (y con los brazos de la silla si lo necesita) y "
                    "póngase de pie, bien derecho."
                ),
                "Quédese quieto un momento para recuperar el equilibrio.",
                (
                    "Lleve las manos hacia atrás a los brazos de la silla y siéntese despacio, con"
                    " control. No se deje caer."
                ),
            ],
            "safety": [
                "Apoye la silla contra una pared para que no se deslice.",
                "Tenga a alguien cerca si su equilibrio es malo o si se marea al ponerse de pie.",
                "Pare y siéntese si se marea, le falta mucho el aire o siente dolor en el pecho.",
            ],
            "equipment": ["Silla firme con brazos"],
        },
    },
    {
        "slug": "resistance-band-rows",
        "title": "Band rows",
        "category": "strength",
        "specialties": ["physical_rehab", "geriatrics"],
        "purpose": (
            "Strong upper back muscles help you sit up tall, push a trolley and pull doors open."
        ),
        "steps": [
            "Sit tall in a sturdy chair with arms, feet flat.",
            (
                "Have a helper hold the middle of the band in front of you, or loop it around a "
                "heavy table leg."
            ),
            "Hold one end of the band in each hand, arms straight out in front.",
            "Pull your elbows back past your sides, squeezing your shoulder blades together.",
            "Hold for 2 seconds, then slowly let your arms go forward again.",
        ],
        "safety": [
            "Check the band for tears before each use.",
            "Never tie the band to a door handle or anything that can move.",
            "Stop if you feel sharp pain.",
        ],
        "equipment": ["Resistance band (light)", "Sturdy chair with arms"],
        "sets": 2,
        "reps": 10,
        "hold_seconds": 2,
        "minutes": 0,
        "image": "img/exercises/resistance-band-rows.svg",
    },
    {
        "slug": "bicep-curls",
        "title": "Arm curls",
        "category": "strength",
        "specialties": ["physical_rehab", "geriatrics"],
        "purpose": "Stronger arms help you carry shopping, lift a kettle and push up from a chair.",
        "steps": [
            "Sit tall in a sturdy chair with arms, feet flat.",
            (
                "Hold a light weight or a full water bottle in one hand, palm facing up, arm by "
                "your side."
            ),
            (
                "Keep your elbow close to your side and slowly bend it, bringing the weight up "
                "toward your shoulder."
            ),
            "Slowly lower it back down.",
            "Do all the repeats, then change hands.",
        ],
        "safety": [
            "Start light: you should be able to do all the repeats without straining.",
            "Breathe out as you lift. Do not hold your breath.",
            "Stop if you feel sharp pain in your elbow or shoulder.",
        ],
        "equipment": ["Light hand weight or water bottle", "Sturdy chair with arms"],
        "sets": 2,
        "reps": 10,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/bicep-curls.svg",
    },
    {
        "slug": "buttoning-practice",
        "title": "Buttoning practice",
        "category": "adl_practice",
        "specialties": ["physical_rehab", "geriatrics", "paediatrics"],
        "purpose": "Practising buttons helps you get dressed on your own, in your own time.",
        "steps": [
            (
                "Sit at a table with a shirt or button board laid flat in front of you, buttons "
                "facing up."
            ),
            "Start with the biggest buttons.",
            (
                "Use one hand to hold the buttonhole open and the other to push the button halfway"
                " through."
            ),
            "Pinch the button from the other side and pull it all the way through.",
            "Undo each button, then do them up again.",
            (
                "When this feels easy, practise on smaller buttons, then on a shirt you are "
                "wearing, starting at the bottom button."
            ),
        ],
        "safety": [
            "Take a break if your fingers get tired.",
            (
                "If one hand is weak, use it as the helper hand as much as you can, but do not "
                "force stiff fingers."
            ),
        ],
        "equipment": ["Shirt with large buttons or a button board", "Table"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 5,
        "image": "img/exercises/buttoning-practice.svg",
        "es": {
            "title": "Práctica de abotonar",
            "purpose": "Practicar con botones le ayuda a vestirse solo, a su propio ritmo.",
            "steps": [
                (
                    "Siéntese a una mesa con una camisa o un tablero de botones extendido delante,"
                    " con los botones hacia arriba."
                ),
                "Empiece por los botones más grandes.",
                (
                    "Con una mano mantenga abierto el ojal y con la otra empuje el botón hasta la "
                    "mitad."
                ),
                "Pellizque el botón desde el otro lado y tire de él hasta que pase del todo.",
                "Desabroche cada botón y vuelva a abrocharlo.",
                (
                    "Cuando le resulte fácil, practique con botones más pequeños y luego con una "
                    "camisa puesta, empezando por el botón de abajo."
                ),
            ],
            "safety": [
                "Descanse si se le cansan los dedos.",
                (
                    "Si una mano está débil, úsela como mano de ayuda todo lo que pueda, pero no "
                    "fuerce los dedos rígidos."
                ),
            ],
            "equipment": ["Camisa con botones grandes o tablero de botones", "Mesa"],
        },
    },
    {
        "slug": "zipper-practice",
        "title": "Zipper practice",
        "category": "adl_practice",
        "specialties": ["paediatrics", "physical_rehab"],
        "purpose": (
            "Being able to do up your own coat means getting ready to go out faster and without "
            "waiting for help."
        ),
        "steps": [
            "Start with a jacket laid flat on the table, zipper facing up.",
            "Hold the bottom of the zipper (the box part) still with one hand.",
            "Slide the pin on the other side all the way down into the box.",
            "Hold the bottom firmly and pull the zipper tab straight up with your other hand.",
            (
                "Pull it back down and separate the sides. Repeat, then try it while wearing the "
                "jacket."
            ),
        ],
        "safety": [
            "Keep skin, hair and loose clothing away from the zipper teeth.",
            "A ring or loop on the zipper tab can make it easier to hold.",
        ],
        "equipment": ["Jacket with a front zipper", "Table"],
        "sets": 1,
        "reps": 5,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/zipper-practice.svg",
    },
    {
        "slug": "sock-aid",
        "title": "Using a sock aid",
        "category": "adl_practice",
        "specialties": ["physical_rehab", "geriatrics"],
        "purpose": (
            "A sock aid lets you put on socks without bending far. This helps after a hip "
            "replacement or if bending is hard."
        ),
        "steps": [
            "Sit on a sturdy chair with arms, feet flat on the floor.",
            (
                "Slide the sock onto the sock aid until the toe of the sock is snug at the end, "
                "heel at the back."
            ),
            "Hold the cords and lower the sock aid to the floor in front of your foot.",
            "Slide your foot into the opening of the sock.",
            (
                "Pull the cords toward you, straightening your knee, until the sock aid slides out"
                " and the sock is on."
            ),
            "Repeat with the other foot.",
        ],
        "safety": [
            (
                "If you have had hip surgery, follow your hip precautions: do not bend forward "
                "past 90 degrees or cross your legs."
            ),
            "Sit on a firm chair, not a soft sofa or the edge of the bed.",
        ],
        "equipment": ["Sock aid", "Sturdy chair with arms", "Reacher (optional)"],
        "sets": 1,
        "reps": 2,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/sock-aid.svg",
    },
    {
        "slug": "long-handled-shoe-horn",
        "title": "Using a long-handled shoe horn",
        "category": "adl_practice",
        "specialties": ["physical_rehab", "geriatrics"],
        "purpose": (
            "A long-handled shoe horn lets you slip on your shoes without bending down, so you can"
            " get ready on your own."
        ),
        "steps": [
            "Sit on a sturdy chair with arms, feet flat on the floor.",
            "Loosen the laces or straps and put the shoe on the floor in front of you.",
            (
                "Hold the shoe horn by its long handle and place the curved end in the back of the"
                " shoe."
            ),
            "Slide your toes into the shoe.",
            "Push your heel down along the shoe horn into the shoe, then pull the shoe horn out.",
            "Fasten the shoe, using a reacher if needed.",
        ],
        "safety": [
            "Follow your hip precautions if you have had hip surgery.",
            (
                "Wear shoes with a closed heel and non-slip soles; elastic laces or Velcro make "
                "them easier."
            ),
        ],
        "equipment": [
            "Long-handled shoe horn",
            "Sturdy chair with arms",
            "Shoes with elastic laces or Velcro",
        ],
        "sets": 1,
        "reps": 2,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/long-handled-shoe-horn.svg",
    },
    {
        "slug": "bed-to-chair-transfer-practice",
        "title": "Bed-to-chair transfer practice",
        "category": "adl_practice",
        "specialties": ["physical_rehab", "geriatrics", "home_modification"],
        "purpose": (
            "Moving safely from bed to chair, on your own or with less help, means you can start "
            "your day when you want to."
        ),
        "steps": [
            (
                "Set the chair close to the bed at a slight angle, on your stronger side. Lock the"
                " brakes if it has wheels."
            ),
            (
                "Sit at the edge of the bed with your shoes on and feet flat on the floor. Wait a "
                "moment in case you feel dizzy."
            ),
            (
                "Shuffle forward, lean forward (nose over toes) and push up from the bed with your"
                " hands to stand."
            ),
            "Take small steps to turn until the backs of your legs touch the chair.",
            "Reach back for both armrests and sit down slowly.",
        ],
        "safety": [
            (
                "Practise only the way your therapist showed you, with a helper if they said you "
                "need one."
            ),
            "Never pull on a walker, a helper's neck or furniture that can move.",
            "Stop and sit back down if you feel dizzy.",
        ],
        "equipment": ["Sturdy chair with arms", "Bed at a safe height", "Non-slip shoes"],
        "sets": 1,
        "reps": 3,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/bed-to-chair-transfer-practice.svg",
    },
    {
        "slug": "tub-transfer-bench",
        "title": "Getting into the bath with a tub bench",
        "category": "adl_practice",
        "specialties": ["home_modification", "geriatrics"],
        "purpose": (
            "A tub transfer bench lets you get into the bath sitting down, so you do not have to "
            "step over the edge. This makes washing safer."
        ),
        "steps": [
            (
                "Check the bench is steady, with two legs inside the tub and two outside, and the "
                "seat level."
            ),
            (
                "Back up to the bench until you feel it behind your legs. Reach back and sit down "
                "slowly on the part outside the tub."
            ),
            "Lift one leg at a time over the tub edge, using your hands to help if needed.",
            "Slide your bottom along the seat to the middle of the tub.",
            (
                "To get out, reverse the steps: slide to the outside edge, lift your legs out, "
                "then stand."
            ),
        ],
        "safety": [
            "Practise first with the tub dry and your clothes on, with someone nearby.",
            "Steady yourself with a grab bar, never a towel rail or soap dish.",
            "Use a non-slip mat in the tub and on the floor outside it.",
        ],
        "equipment": ["Tub transfer bench", "Grab bar", "Non-slip mat", "Hand-held shower"],
        "sets": 1,
        "reps": 2,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/tub-transfer-bench.svg",
    },
    {
        "slug": "graded-activity-scheduling",
        "title": "Planning small steps back into activity",
        "category": "adl_practice",
        "specialties": ["mental_health", "geriatrics"],
        "purpose": (
            "When mood is low, doing small, planned activities (even without feeling like it) is "
            "one of the best ways to start feeling better."
        ),
        "steps": [
            (
                "List activities you used to enjoy or that matter to you, from small to big (open "
                "the curtains, shower, walk to the shop, call a friend)."
            ),
            "Rate how hard each one feels right now, from 0 (very easy) to 10 (very hard).",
            "Pick one or two easy ones and plan them for a set time each day this week.",
            (
                "Do the activity at the planned time, even if you do not feel like it. Motivation "
                "often comes after you start."
            ),
            "Afterwards, rate how much you enjoyed it and how much you achieved, from 0 to 10.",
            "Each week, add one activity that is a little harder.",
        ],
        "safety": [
            (
                "If you have thoughts of harming yourself, contact your doctor, a crisis line or "
                "emergency services straight away."
            ),
            "Be kind to yourself on hard days: a smaller step still counts.",
        ],
        "equipment": ["Notebook or planner", "Pen"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 15,
        "image": "img/exercises/graded-activity-scheduling.svg",
    },
    {
        "slug": "medication-organiser",
        "title": "Setting up a pill organiser",
        "category": "cognition",
        "specialties": ["geriatrics", "low_vision"],
        "purpose": (
            "A pill organiser filled once a week helps you take the right medicine at the right "
            "time, and shows at a glance whether you have taken it."
        ),
        "steps": [
            (
                "Choose a weekly organiser with a box for each time of day you take medicine. "
                "Large print and easy-open lids help."
            ),
            (
                "Sit at a clear table with good light, your up-to-date medicine list and all your "
                "medicines."
            ),
            "Fill one day at a time, following your list exactly.",
            (
                "Ask a family member, nurse or pharmacist to check the filled organiser, at least "
                "the first few times."
            ),
            (
                "Keep it where you will see it at the right times, such as by the kettle, and set "
                "a phone alarm as a reminder."
            ),
            (
                "If you find a dose still in the box later, do not double up: ask your pharmacist "
                "what to do."
            ),
        ],
        "safety": [
            "Never change or stop a medicine without asking your doctor or pharmacist.",
            (
                "Some medicines must stay in their own packet. Ask your pharmacist which can go in"
                " the organiser."
            ),
            "Keep medicines out of reach of children.",
        ],
        "equipment": ["Weekly pill organiser", "Up-to-date medicine list", "Lamp"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 20,
        "image": "img/exercises/medication-organiser.svg",
    },
    {
        "slug": "memory-notebook",
        "title": "Memory notebook routine",
        "category": "cognition",
        "specialties": ["geriatrics", "physical_rehab"],
        "purpose": (
            "Writing things down in one place means you do not have to hold everything in your "
            "head, so you miss fewer appointments and feel more in control."
        ),
        "steps": [
            "Use one notebook with four sections: Today, Calendar, People, and To do.",
            "Keep it in the same place every day, or carry it with you.",
            "Each morning, read today's page and write your plan for the day.",
            "During the day, write things down straight away: phone calls, visits, what you did.",
            "Each evening, read back over the day and tick off what is done.",
            "Set phone alarms or put sticky notes up to remind you to check the notebook.",
        ],
        "safety": ["Keep passwords and bank numbers out of the notebook."],
        "equipment": ["Notebook or planner", "Pen"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 10,
        "image": "img/exercises/memory-notebook.svg",
    },
    {
        "slug": "daily-planner",
        "title": "Daily planner",
        "category": "cognition",
        "specialties": ["mental_health", "physical_rehab"],
        "purpose": (
            "A simple plan for the day gives it shape, helps you remember what to do, and makes it"
            " easier to get started."
        ),
        "steps": [
            "Each morning (or the night before), write the day's times down the side of a page.",
            "Fill in fixed things first: meals, medicines, appointments.",
            (
                "Add 3 to 5 other things: one job, one thing for your health, one thing you enjoy,"
                " and rest."
            ),
            "Set alarms for anything that must happen at a certain time.",
            "Cross things off as you do them.",
            "In the evening, note what worked and move anything unfinished to another day.",
        ],
        "safety": ["Do not fill every hour. Leave space for rest and for things taking longer."],
        "equipment": ["Notebook or planner", "Pen"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 10,
        "image": "img/exercises/daily-planner.svg",
    },
    {
        "slug": "visual-schedule",
        "title": "Picture schedule for routines",
        "category": "cognition",
        "specialties": ["autism", "paediatrics"],
        "purpose": (
            "Seeing the steps of a routine in pictures helps a child know what comes next, which "
            "lowers worry and helps them do more on their own."
        ),
        "steps": [
            "Choose one routine that is often hard, such as getting ready in the morning.",
            (
                "Make a picture card for each step (for example: toilet, wash, dress, breakfast, "
                "shoes)."
            ),
            (
                "Put the cards in order on a strip, top to bottom or left to right, where the "
                "child can see it."
            ),
            "Go through the schedule together, pointing to each card.",
            (
                'When a step is done, the child moves its card to a "finished" pocket or turns it '
                "over."
            ),
            "Praise each finished step, and keep the order the same every day.",
        ],
        "safety": [
            "Keep cards and Velcro dots away from young children who may put them in their mouth.",
        ],
        "equipment": ["Picture cards", "Strip of card with Velcro dots"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 5,
        "image": "img/exercises/visual-schedule.svg",
    },
    {
        "slug": "letter-cancellation",
        "title": "Visual scanning: find the letter",
        "category": "vision",
        "specialties": ["low_vision", "physical_rehab"],
        "purpose": (
            "Searching a page in an organised way trains you to notice things on both sides, so "
            "you miss less when reading, cooking or moving around a room."
        ),
        "steps": [
            (
                "Sit at a table with a page of mixed letters in front of you, in line with the "
                "middle of your body."
            ),
            (
                "Draw a bright line down the edge of the page on the side you tend to miss. This "
                "is your anchor."
            ),
            "Start at the anchor and scan each line from left to right, as if reading.",
            'Cross out every letter your therapist chose (for example, every "E").',
            "When you finish, go back to the anchor and check each line again.",
            "Write down how many you found and how long it took.",
        ],
        "safety": [
            "Take a break if your eyes feel tired or you get a headache.",
            "Use good light, and wear your reading glasses if you have them.",
        ],
        "equipment": ["Letter scanning worksheet", "Bright marker", "Pen", "Timer"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 10,
        "image": "img/exercises/letter-cancellation.svg",
    },
    {
        "slug": "magnifier-labels",
        "title": "Using a magnifier to read labels",
        "category": "vision",
        "specialties": ["low_vision", "geriatrics"],
        "purpose": (
            "Using your magnifier well lets you read medicine labels, food dates and letters "
            "yourself."
        ),
        "steps": [
            "Sit at a table with a lamp shining on the label from beside you, not into your eyes.",
            "Put the item flat on the table, or hold it steady with one hand.",
            (
                "Place the magnifier flat on the label, then slowly lift it away until the words "
                "look sharpest. Keep it at that distance."
            ),
            "Move the label or magnifier slowly along each line, from left to right.",
            (
                "Practise with things you use every day: medicine labels, use-by dates, cooking "
                "instructions and bills."
            ),
        ],
        "safety": [
            "Never guess a medicine name or dose. Ask your pharmacist for large-print labels.",
            "Do not leave a magnifier in sunlight: it can start a fire.",
        ],
        "equipment": ["Hand magnifier", "Lamp", "Labels or packets to read"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 10,
        "image": "img/exercises/magnifier-labels.svg",
    },
    {
        "slug": "high-contrast-stove-marking",
        "title": "Marking stove dials so they are easy to see",
        "category": "vision",
        "specialties": ["low_vision", "home_modification"],
        "purpose": (
            "Bright, raised marks on the stove help you see and feel the right setting, so you can"
            " cook safely on your own."
        ),
        "steps": [
            "Pick the settings you use most, such as off, medium and your usual oven temperature.",
            "Clean and dry the front of the stove so the marks will stick.",
            "Put a bright, raised bump dot on the pointer of each dial.",
            (
                "Turn each dial to a chosen setting and put a dot on the panel where the pointer "
                "lines up."
            ),
            (
                "Choose colours that stand out: dark dots on a white stove, bright orange or "
                "yellow on a dark one."
            ),
            (
                "Practise turning each dial to a marked setting, and have your therapist or helper"
                " check."
            ),
        ],
        "safety": [
            "Always check that every dial is back to off before you leave the kitchen.",
            "Keep dots and tape away from burners and hot surfaces.",
        ],
        "equipment": ["Raised bump dots", "Bright tape or puff paint", "Cleaning cloth"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 15,
        "image": "img/exercises/high-contrast-stove-marking.svg",
    },
    {
        "slug": "tactile-bin",
        "title": "Texture bin play",
        "category": "sensory",
        "specialties": ["paediatrics", "autism"],
        "purpose": (
            "Exploring different textures with the hands helps a child get used to touch, which "
            "can make messy play, eating and dressing easier."
        ),
        "steps": [
            "Fill a large tub with dry rice, dried beans or dry pasta.",
            "Hide 5 to 10 small toys in it.",
            (
                "Let the child dig with their hands to find the toys. Start with a scoop if "
                "touching is hard for them."
            ),
            "Name each toy as it is found, and talk about how the rice feels: bumpy, smooth, cool.",
            "Finish by washing hands and tidying up together.",
        ],
        "safety": [
            (
                "An adult must watch at all times: beans, rice and small toys can be choked on or "
                "pushed into ears and noses."
            ),
            "Never force touch. Let the child stop if they become upset.",
        ],
        "equipment": ["Large plastic tub", "Dry rice, beans or pasta", "Small toys"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 10,
        "image": "img/exercises/tactile-bin.svg",
    },
    {
        "slug": "heavy-work",
        "title": "Heavy work activities",
        "category": "sensory",
        "specialties": ["autism", "paediatrics"],
        "purpose": (
            "Pushing, pulling and carrying heavy things gives the body calming input that can help"
            " a child settle and focus."
        ),
        "steps": [
            (
                "Choose 2 or 3 heavy work jobs: carrying books or a basket of laundry, pushing a "
                "full laundry basket across the floor, wall push-ups, or helping carry shopping."
            ),
            "Show the child how to lift with bent knees and a straight back.",
            "Do each job for 1 to 2 minutes.",
            "Use heavy work before times that are often hard, such as homework, meals or bedtime.",
            "Notice which jobs help your child feel calm and focused, and use those more often.",
        ],
        "safety": [
            "Keep loads light enough for the child to carry with a straight back.",
            "Stop if the child seems overexcited, upset or tired.",
        ],
        "equipment": ["Laundry basket", "Books or shopping bags"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 10,
        "image": "img/exercises/heavy-work.svg",
    },
    {
        "slug": "deep-pressure-calming",
        "title": "Deep pressure calming routine",
        "category": "sensory",
        "specialties": ["autism", "mental_health"],
        "purpose": (
            "Firm, steady pressure can help the body feel calm and safe when things feel too much."
        ),
        "steps": [
            "Go to a quiet space with low light and little noise.",
            (
                "Ask the child what they would like: a firm hug, being rolled snugly in a blanket "
                "with their head out, or firm squeezes down the arms and shoulders."
            ),
            "Give firm, steady pressure for a slow count of 10, then pause.",
            "Breathe slowly together while you do it.",
            "Repeat for a few minutes, and stop as soon as they say stop.",
            "Adults can use the same idea: hug a firm cushion, or use a weighted lap pad.",
        ],
        "safety": [
            "Always ask first, and stop at once if the person wants to stop.",
            "Never cover the face or head, and never press on the neck, chest or tummy.",
            (
                "Only use weighted blankets if your therapist advises it, and never for sleep with"
                " young children."
            ),
        ],
        "equipment": ["Blanket or weighted lap pad", "Quiet space"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 5,
        "image": "img/exercises/deep-pressure-calming.svg",
    },
    {
        "slug": "mindful-breathing",
        "title": "Calm breathing",
        "category": "sensory",
        "specialties": ["mental_health", "autism"],
        "purpose": (
            "Slow breathing tells your body it is safe. It can ease worry, help you fall asleep "
            "and help you stay calm in hard moments."
        ),
        "steps": [
            "Sit comfortably with your feet on the floor, or lie down.",
            "Put one hand on your tummy.",
            "Breathe in slowly through your nose for a count of 4, feeling your tummy rise.",
            "Breathe out gently through your mouth for a count of 6, feeling your tummy fall.",
            "If your mind wanders, notice it and bring your attention back to your breath.",
            "Keep going for about 5 minutes.",
        ],
        "safety": [
            "If you feel dizzy or light-headed, go back to normal breathing.",
            (
                "If breathing exercises bring up upsetting feelings, stop and talk with your "
                "therapist."
            ),
        ],
        "equipment": [],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 5,
        "image": "img/exercises/mindful-breathing.svg",
    },
    {
        "slug": "one-handed-meal-setup",
        "title": "Setting up a meal for one-handed eating",
        "category": "feeding",
        "specialties": ["physical_rehab", "feeding"],
        "purpose": (
            "Setting up your meal for one hand lets you eat on your own, with less mess and less "
            "waiting for help."
        ),
        "steps": [
            (
                "Sit upright at the table with your weaker arm resting on the table where you can "
                "see it."
            ),
            "Put a non-slip mat under your plate so it does not slide.",
            "Use a plate guard or a plate with a raised edge to push food against.",
            (
                "Cut food with a rocker knife: press down and rock it back and forth instead of "
                "sawing."
            ),
            "Open packets and lids before you start, or ask for help with these.",
            "Keep a cup with a lid and handle within easy reach on your stronger side.",
        ],
        "safety": [
            "Check the food temperature first: you may not feel heat well on your weaker side.",
            "Take small bites and swallow each one before the next.",
        ],
        "equipment": [
            "Non-slip mat",
            "Plate guard or scoop plate",
            "Rocker knife",
            "Cup with lid and handle",
        ],
        "sets": 1,
        "reps": 1,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/one-handed-meal-setup.svg",
    },
    {
        "slug": "chin-tuck-swallow",
        "title": "Chin tuck when swallowing",
        "category": "feeding",
        "specialties": ["feeding", "geriatrics"],
        "purpose": (
            "If your speech therapist has prescribed it, tucking your chin as you swallow helps "
            "food and drink go down the right way."
        ),
        "steps": [
            "Sit fully upright in a chair, hips back and feet flat. Never eat lying back.",
            "Take a small sip or small spoonful, as your speech therapist advised.",
            "Bring your chin down toward your chest, as if nodding.",
            "Swallow firmly with your chin tucked.",
            "Lift your head, and swallow again if your speech therapist told you to.",
            "Stay sitting upright for at least 30 minutes after eating.",
        ],
        "safety": [
            (
                "Use this only if a speech therapist (speech-language pathologist) has checked "
                "your swallow and taught you this posture. It is not right for everyone."
            ),
            (
                "Stop eating and tell your care team if you cough, choke, or your voice sounds wet"
                " or gurgly during or after meals."
            ),
            "If someone cannot breathe, speak or cough, call emergency services at once.",
        ],
        "equipment": ["Sturdy chair with arms", "Small spoon"],
        "sets": 1,
        "reps": 1,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/chin-tuck-swallow.svg",
    },
    {
        "slug": "built-up-spoon",
        "title": "Eating with a built-up spoon",
        "category": "feeding",
        "specialties": ["feeding", "physical_rehab"],
        "purpose": (
            "A spoon with a thick handle is easier to hold when your grip is weak, stiff or shaky,"
            " so you can feed yourself."
        ),
        "steps": [
            "Choose a spoon with a thick foam or rubber handle that fits your hand.",
            "Sit upright at the table with your elbow resting on it for support.",
            "Hold the spoon with your whole hand, without squeezing tightly.",
            (
                "Fill the spoon half full and bring it to your mouth, keeping your elbow on the "
                "table as long as you can."
            ),
            (
                "If your hand shakes, tuck your elbow in against your side. Ask your therapist if "
                "a weighted spoon would help."
            ),
        ],
        "safety": [
            "Use a bowl or scoop dish with high sides to reduce spills.",
            "Let hot food cool a little before eating.",
        ],
        "equipment": ["Built-up spoon", "Plate guard or scoop plate", "Non-slip mat"],
        "sets": 1,
        "reps": 1,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/built-up-spoon.svg",
    },
    {
        "slug": "bus-trip-practice",
        "title": "Bus trip practice",
        "category": "community_mobility",
        "specialties": ["driving_community", "mental_health"],
        "purpose": (
            "Using the bus on your own gets you to shops, appointments and friends without waiting"
            " for a lift."
        ),
        "steps": [
            (
                "Plan the trip at home: where you are going, which bus, the times, and the stop to"
                " get off."
            ),
            (
                "Pack your bus pass or fare, your phone, and a card with your address and an "
                "emergency contact."
            ),
            "The first time, take the trip with a helper at a quiet time of day.",
            "At the stop, stand back from the kerb and signal the driver as the bus comes.",
            "Sit near the front and hold on. Ring the bell one stop before yours.",
            "Next time, do more of the trip on your own, with your helper a few seats away.",
        ],
        "safety": [
            "Wait until the bus has fully stopped before you stand up.",
            "Use the handrails when getting on and off.",
            "If you feel unwell or lost, ask the driver for help or call your contact.",
        ],
        "equipment": [
            "Bus pass or fare",
            "Mobile phone",
            "Card with your address and an emergency contact",
        ],
        "sets": 1,
        "reps": 1,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/bus-trip-practice.svg",
    },
    {
        "slug": "crossing-the-road",
        "title": "Crossing the road safely",
        "category": "community_mobility",
        "specialties": ["driving_community", "paediatrics", "low_vision"],
        "purpose": (
            "Crossing roads safely lets you walk to school, the shops or the park with confidence."
        ),
        "steps": [
            "Find the safest place to cross: a pedestrian crossing or traffic lights.",
            "Stop at the kerb and stand back a little.",
            "Look and listen for traffic in both directions.",
            "Wait for the green walking signal, or until no traffic is coming, and look again.",
            (
                "Walk straight across, not at an angle. Keep looking and listening, and put your "
                "phone away."
            ),
            "Practise with a helper beside you, then with them a few steps behind.",
        ],
        "safety": [
            "Children should always cross with an adult until the adult is sure they are ready.",
            "If you walk slowly, use crossings with signals and allow plenty of time.",
            "If you have low vision, ask about mobility training and a long white cane.",
        ],
        "equipment": [],
        "sets": 1,
        "reps": 4,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/crossing-the-road.svg",
    },
    {
        "slug": "grocery-list-and-shop",
        "title": "Grocery list and shop",
        "category": "community_mobility",
        "specialties": ["driving_community", "geriatrics"],
        "purpose": (
            "Planning and doing your own shopping keeps you independent and means you get the food"
            " you like."
        ),
        "steps": [
            "Check your cupboards and fridge, and write a list of what you need.",
            "Group the list by area of the shop: fruit and vegetables, dairy, frozen, and so on.",
            "Go at a quiet time, with your list, money or card, and a bag.",
            "Use a trolley or wheeled basket for support and to save energy.",
            "Tick items off as you find them, and check the list before you pay.",
            "At home, put cold and frozen food away first.",
        ],
        "safety": [
            "Sit and rest if you feel tired. Many shops have seats or will fetch one.",
            "Ask staff to reach high or low shelves, or to help carry bags.",
        ],
        "equipment": [
            "Notebook or planner",
            "Pen",
            "Shopping bag",
            "Shopping trolley or wheeled basket",
        ],
        "sets": 1,
        "reps": 1,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/grocery-list-and-shop.svg",
    },
    {
        "slug": "car-transfer-practice",
        "title": "Getting in and out of a car",
        "category": "community_mobility",
        "specialties": ["driving_community", "physical_rehab"],
        "purpose": (
            "Getting in and out of a car safely means you can go to appointments, visit family and"
            " get out and about."
        ),
        "steps": [
            (
                "Have the car parked away from the kerb on flat ground, with the seat moved all "
                "the way back."
            ),
            "Back up to the seat until you feel it behind your legs.",
            "Put one hand on the seat and one on a fixed part of the car frame, not the door.",
            "Sit down slowly, lowering your head to clear the door frame.",
            (
                "Turn to face forward, lifting your legs in one at a time. A plastic bag on the "
                "seat helps you turn."
            ),
            "To get out, reverse the steps: legs out first, then stand.",
        ],
        "safety": [
            "Never hold on to the car door: it can swing and you can fall.",
            "Follow your hip precautions if you have had hip surgery.",
            "Practise with a helper before doing it alone.",
        ],
        "equipment": ["Car", "Plastic bag or swivel cushion"],
        "sets": 1,
        "reps": 2,
        "hold_seconds": 0,
        "minutes": 0,
        "image": "img/exercises/car-transfer-practice.svg",
    },
    {
        "slug": "plan-your-day-energy",
        "title": "Planning your day to save energy",
        "category": "energy_conservation",
        "specialties": ["geriatrics", "physical_rehab"],
        "purpose": (
            "Planning your day helps you save energy for the things that matter most to you."
        ),
        "steps": [
            "Each evening, write down the tasks you need or want to do tomorrow.",
            (
                "Mark the ones that matter most. Cross off or hand over tasks that can wait or "
                "that someone else can do."
            ),
            "Spread heavy jobs, like showering, laundry and shopping, across the day and the week.",
            "Do harder tasks at the time of day you usually have the most energy.",
            "Plan a rest after each heavy task.",
            (
                "At the end of the day, note what went well and what wore you out, and adjust "
                "tomorrow's plan."
            ),
        ],
        "safety": [
            "Rest before you feel exhausted, not after.",
            "Tell your therapist or doctor if you are more tired or short of breath than usual.",
        ],
        "equipment": ["Notebook or planner", "Pen"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 10,
        "image": "img/exercises/plan-your-day-energy.svg",
    },
    {
        "slug": "sit-to-prepare-meals",
        "title": "Sitting to prepare meals",
        "category": "energy_conservation",
        "specialties": ["home_modification", "geriatrics"],
        "purpose": (
            "Sitting down while you cook saves energy and lowers the risk of falling, so you can "
            "keep making your own meals."
        ),
        "steps": [
            "Before you start, gather everything you need on a tray or trolley.",
            "Sit on a perching stool or chair at the counter or kitchen table.",
            "Keep the things you use most between waist and shoulder height.",
            "Slide pots and pans along the counter instead of lifting them.",
            "Use light utensils, and let dishes soak instead of scrubbing.",
            "Take short rests as you go.",
        ],
        "safety": [
            "Use a stool with a back and non-slip feet, and never stand on it.",
            "Keep hot pans on the back burners with the handles turned in.",
            "Move hot food on a trolley, not in your hands while using a walker.",
        ],
        "equipment": [
            "Perching stool or chair",
            "Kitchen trolley (optional)",
            "Lightweight utensils",
        ],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 15,
        "image": "img/exercises/sit-to-prepare-meals.svg",
    },
    {
        "slug": "pacing-with-rest-breaks",
        "title": "Pacing with rest breaks",
        "category": "energy_conservation",
        "specialties": ["mental_health", "physical_rehab"],
        "purpose": (
            "Working in short bursts with planned rests lets you get more done over the week "
            "without crashing the next day."
        ),
        "steps": [
            "Pick one task for today, such as cleaning the bathroom.",
            "Break it into small parts: for example, the sink, then the toilet, then the floor.",
            (
                "Set a timer for a time you can work without getting very tired, for example 10 "
                "minutes."
            ),
            "When the timer goes, stop and rest for 5 to 10 minutes, even if you feel fine.",
            "Carry on with the next part.",
            "Stop for the day when you planned to, even on a good day.",
        ],
        "safety": [
            (
                "On good days, avoid doing much more than planned: this often leads to a crash the"
                " next day."
            ),
            "Tell your therapist if your tiredness is getting worse.",
        ],
        "equipment": ["Timer", "Sturdy chair with arms"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 30,
        "image": "img/exercises/pacing-with-rest-breaks.svg",
    },
    {
        "slug": "handwriting-warm-ups",
        "title": "Handwriting warm-ups",
        "category": "handwriting",
        "specialties": ["paediatrics", "autism"],
        "purpose": (
            "Warming up your hands and arms before writing helps your writing be neater and your "
            "hand less tired."
        ),
        "steps": [
            "Sit with your feet flat on the floor and your back against the chair.",
            (
                "Do 10 chair push-ups: hands on the seat beside you, push down and lift your "
                "bottom a little."
            ),
            "Press your palms together hard for 5 seconds, then relax. Do this 3 times.",
            "Open and close your hands quickly 10 times, like flashing lights.",
            "Walk your fingers up your pencil from the tip to the end and back down.",
            "Draw 5 big figure-eights in the air, then 5 small ones on paper.",
        ],
        "safety": ["Stop if anything hurts.", "Keep it fun and short: about 2 to 3 minutes."],
        "equipment": ["Chair and table at the right height", "Pencil", "Paper"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 3,
        "image": "img/exercises/handwriting-warm-ups.svg",
        "es": {
            "title": "Calentamiento antes de escribir",
            "purpose": (
                "Calentar las manos y los brazos antes de escribir ayuda a que tu letra sea más "
                "clara y a que la mano se canse menos."
            ),
            "steps": [
                "Siéntate con los pies planos en el suelo y la espalda apoyada en la silla.",
                (
                    "Haz 10 flexiones en la silla: pon las manos en el asiento a los lados, empuja"
                    " hacia abajo y levanta un poco el trasero."
                ),
                (
                    "Aprieta las palmas una contra otra con fuerza durante 5 segundos y luego "
                    "relájalas. Hazlo 3 veces."
                ),
                "Abre y cierra las manos rápido 10 veces, como luces que parpadean.",
                (
                    "Camina con los dedos por el lápiz, desde la punta hasta el otro extremo y de "
                    "vuelta."
                ),
                "Dibuja 5 ochos grandes en el aire y luego 5 pequeños en el papel.",
            ],
            "safety": ["Para si algo te duele.", "Que sea divertido y corto: unos 2 o 3 minutos."],
            "equipment": ["Silla y mesa de la altura adecuada", "Lápiz", "Papel"],
        },
    },
    {
        "slug": "letter-formation",
        "title": "Letter formation practice",
        "category": "handwriting",
        "specialties": ["paediatrics", "autism"],
        "purpose": (
            "Forming letters the same way every time makes writing faster, neater and easier to "
            "read."
        ),
        "steps": [
            (
                "Pick 2 or 3 letters to practise today from the same family (for example c, a, d "
                'and g all start with a "c" curve).'
            ),
            (
                "Watch your grown-up write the letter while they say the steps out loud, starting "
                "at the top."
            ),
            "Trace the letter with your finger, then with your pencil, saying the steps.",
            "Write the letter 5 times on lined paper, sitting it on the line.",
            "Circle your best one.",
        ],
        "safety": [
            "Keep practice to about 10 minutes so it stays fun.",
            "Grown-ups: praise effort, not just neatness.",
        ],
        "equipment": ["Lined paper", "Pencil", "Chair and table at the right height"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 10,
        "image": "img/exercises/letter-formation.svg",
        "es": {
            "title": "Práctica para formar letras",
            "purpose": (
                "Formar las letras siempre de la misma manera hace que escribir sea más rápido, "
                "más claro y más fácil de leer."
            ),
            "steps": [
                (
                    "Elige 2 o 3 letras para practicar hoy, de la misma familia (por ejemplo, c, "
                    'a, d y g empiezan todas con una curva como la "c").'
                ),
                (
                    "Mira cómo tu adulto escribe la letra mientras dice los pasos en voz alta, "
                    "empezando por arriba."
                ),
                "Repasa la letra con el dedo y luego con el lápiz, diciendo los pasos.",
                "Escribe la letra 5 veces en papel con renglones, apoyándola en la línea.",
                "Rodea con un círculo la que te salió mejor.",
            ],
            "safety": [
                "Practica unos 10 minutos para que siga siendo divertido.",
                "Adultos: elogien el esfuerzo, no solo la letra bonita.",
            ],
            "equipment": ["Papel con renglones", "Lápiz", "Silla y mesa de la altura adecuada"],
        },
    },
    {
        "slug": "pencil-grip",
        "title": "Pencil grip practice",
        "category": "handwriting",
        "specialties": ["paediatrics", "physical_rehab"],
        "purpose": (
            "A comfortable pencil grip makes your hand tire less and gives you more control when "
            "you write and colour."
        ),
        "steps": [
            "Lay the pencil on the table with the point facing you.",
            "Pinch the pencil just above the sharpened part with your thumb and pointer finger.",
            (
                "Flip the pencil back over your hand so it rests in the space between your thumb "
                "and pointer finger."
            ),
            (
                "Rest the pencil on the side of your middle finger, and gently tuck your other two"
                " fingers into your palm."
            ),
            (
                "Colour in a small shape, moving the pencil with your fingers while your wrist "
                "rests on the table."
            ),
        ],
        "safety": [
            (
                "Do not force a grip that hurts. Ask your therapist about a pencil grip if you "
                "need one."
            ),
            "Take a break if your hand aches.",
        ],
        "equipment": ["Pencil", "Paper", "Pencil grip (if your therapist gave you one)"],
        "sets": 1,
        "reps": 5,
        "hold_seconds": 0,
        "minutes": 5,
        "image": "img/exercises/pencil-grip.svg",
        "es": {
            "title": "Práctica para sujetar el lápiz",
            "purpose": (
                "Sujetar el lápiz de forma cómoda hace que la mano se canse menos y te da más "
                "control al escribir y colorear."
            ),
            "steps": [
                "Pon el lápiz sobre la mesa con la punta hacia ti.",
                (
                    "Pellizca el lápiz justo por encima de la punta afilada con el pulgar y el "
                    "dedo índice."
                ),
                (
                    "Gira el lápiz hacia atrás por encima de tu mano para que descanse en el hueco"
                    " entre el pulgar y el índice."
                ),
                (
                    "Apoya el lápiz en el costado del dedo medio y dobla con suavidad los otros "
                    "dos dedos hacia la palma."
                ),
                (
                    "Colorea una figura pequeña moviendo el lápiz con los dedos y con la muñeca "
                    "apoyada en la mesa."
                ),
            ],
            "safety": [
                (
                    "No fuerces una forma de agarrar que duela. Pregunta a tu terapeuta por un "
                    "adaptador para el lápiz si lo necesitas."
                ),
                "Descansa si te duele la mano.",
            ],
            "equipment": ["Lápiz", "Papel", "Adaptador para el lápiz (si tu terapeuta te dio uno)"],
        },
    },
    {
        "slug": "turn-taking-game",
        "title": "Turn-taking game",
        "category": "social",
        "specialties": ["autism", "paediatrics"],
        "purpose": (
            "Practising taking turns in a game builds waiting and sharing skills that help with "
            "friends, family and school."
        ),
        "steps": [
            (
                "Choose a short, simple game with clear turns, such as rolling a ball, stacking "
                "blocks or a simple board game."
            ),
            'Use something that shows whose turn it is, such as a "my turn" card that is passed.',
            'Say "my turn" and "your turn" each time, and pass the card.',
            'Praise waiting: "Great waiting!"',
            "Keep the game short (5 to 10 minutes) and stop while it is still going well.",
            "Over time, add more players or longer waits.",
        ],
        "safety": [
            "Take a break if the child becomes upset, and try again later.",
            "Keep small game pieces away from children who may put them in their mouth.",
        ],
        "equipment": ["Simple game (ball, blocks or board game)", "Turn card"],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 10,
        "image": "img/exercises/turn-taking-game.svg",
    },
    {
        "slug": "greeting-practice",
        "title": "Greeting practice",
        "category": "social",
        "specialties": ["autism", "mental_health"],
        "purpose": (
            "Practising a simple greeting makes it easier to start conversations and feel more at "
            "ease with neighbours, shop staff and classmates."
        ),
        "steps": [
            'Pick one greeting to practise, such as "Hi, how are you?"',
            (
                "Practise at home with someone you trust: face the person, smile, and say the "
                "greeting. Looking at their shoulder is fine if eye contact is hard."
            ),
            'Practise a reply, such as "I\'m good, thanks. How are you?"',
            "Act out a few places together: a neighbour, a shop cashier, a teacher.",
            (
                "This week, try the greeting once for real in a low-pressure place, and talk "
                "afterwards about how it went."
            ),
        ],
        "safety": [
            "Go at your own pace. Feeling nervous is normal.",
            "Practise with safe, familiar people first.",
        ],
        "equipment": [],
        "sets": 1,
        "reps": 0,
        "hold_seconds": 0,
        "minutes": 10,
        "image": "img/exercises/greeting-practice.svg",
    },
]

# Caregiver training guides: ordered steps, each a single action with its own safety note.
GUIDES = [
    {
        "slug": "bed-to-chair-transfer",
        "title": "Safe bed-to-chair transfer",
        "summary": (
            "How to help someone move from the bed to a chair safely, protecting their body and "
            "your back. Always use the method and equipment your therapist showed you."
        ),
        "image": "img/guides/bed-to-chair-transfer.svg",
        "steps": [
            {
                "title": "Get everything ready",
                "body": (
                    "Put the chair or wheelchair next to the bed on the person's stronger side, "
                    "angled a little toward the bed. Lock the wheelchair brakes and move the "
                    "footrest and the armrest nearest the bed out of the way. Clear the floor and "
                    "make sure the person has non-slip shoes on."
                ),
                "safety": "Check that the brakes are on before every transfer.",
                "image": "img/guides/bed-to-chair-transfer-1.svg",
            },
            {
                "title": "Help them sit on the edge of the bed",
                "body": (
                    "Help the person roll onto their side facing the chair. As they lower their "
                    "legs over the edge, they push up with their arms to sit. Let them sit for a "
                    "minute with feet flat on the floor, and ask if they feel dizzy."
                ),
                "safety": (
                    "If they feel dizzy or faint, wait. Help them lie back down if it does not "
                    "pass."
                ),
                "image": "",
            },
            {
                "title": "Put on the transfer belt",
                "body": (
                    "If your therapist gave you a transfer belt, fasten it snugly around the "
                    "person's waist, over their clothes. You should be able to slide your flat "
                    "hand under it. Hold the belt at each side with your palms facing up."
                ),
                "safety": (
                    "Never lift under the person's arms or pull on their weaker arm: this can "
                    "injure the shoulder."
                ),
                "image": "",
            },
            {
                "title": "Get yourself in a safe position",
                "body": (
                    "Stand in front of the person, a little toward their weaker side. Keep your "
                    "feet apart, one slightly forward, knees bent and back straight. Stay close to"
                    " them. If your therapist showed you, brace their weaker knee with your knee."
                ),
                "safety": "Do not bend at the waist or twist your back.",
                "image": "img/guides/bed-to-chair-transfer-4.svg",
            },
            {
                "title": "Stand up together",
                "body": (
                    "Ask the person to shuffle forward to the edge of the bed, lean forward (nose "
                    'over toes) and place their hands on the bed. On "one, two, three, stand", '
                    "they push up from the bed while you straighten your legs and guide them with "
                    "the belt."
                ),
                "safety": "Do not let them put their arms around your neck.",
                "image": "",
            },
            {
                "title": "Turn toward the chair",
                "body": (
                    "Once they are steady, turn together with small steps until the backs of their"
                    " legs touch the chair seat. Move your feet as you turn, instead of twisting "
                    "your back."
                ),
                "safety": "",
                "image": "img/guides/bed-to-chair-transfer-6.svg",
            },
            {
                "title": "Sit down slowly",
                "body": (
                    "Ask them to reach back for both armrests, one hand at a time. Bend your knees"
                    " as they bend theirs and guide them down slowly. Help them sit back fully in "
                    "the chair, then put the footrests back."
                ),
                "safety": (
                    "If the person starts to fall, do not try to catch them. Keep your back "
                    "straight, hold the belt, ease them gently to the floor and call for help."
                ),
                "image": "",
            },
        ],
        "es": {
            "title": "Traslado seguro de la cama a la silla",
            "summary": (
                "Cómo ayudar a una persona a pasar de la cama a una silla de forma segura, "
                "protegiendo su cuerpo y su espalda. Use siempre el método y el equipo que le "
                "enseñó su terapeuta."
            ),
            "steps": [
                {
                    "title": "Prepárelo todo",
                    "body": (
                        "Ponga la silla o la silla de ruedas junto a la cama, en el lado más "
                        "fuerte de la persona y un poco girada hacia la cama. Ponga los frenos de "
                        "la silla de ruedas y retire el reposapiés y el reposabrazos más cercano a"
                        " la cama. Despeje el suelo y asegúrese de que la persona lleva zapatos "
                        "antideslizantes."
                    ),
                    "safety": "Compruebe que los frenos están puestos antes de cada traslado.",
                },
                {
                    "title": "Ayúdele a sentarse en el borde de la cama",
                    "body": (
                        "Ayude a la persona a girarse de lado, mirando hacia la silla. Mientras "
                        "baja las piernas por el borde, empuja con los brazos para sentarse. "
                        "Déjela sentada un minuto con los pies planos en el suelo y pregúntele si "
                        "se marea."
                    ),
                    "safety": (
                        "Si se marea o se siente débil, espere. Ayúdele a acostarse de nuevo si no"
                        " se le pasa."
                    ),
                },
                {
                    "title": "Póngale el cinturón de traslado",
                    "body": (
                        "Si su terapeuta le dio un cinturón de traslado, abróchelo firme alrededor"
                        " de la cintura de la persona, por encima de la ropa. Debe poder meter la "
                        "mano plana por debajo. Sujete el cinturón por los lados con las palmas "
                        "hacia arriba."
                    ),
                    "safety": (
                        "Nunca levante a la persona por las axilas ni tire de su brazo más débil: "
                        "puede lesionar el hombro."
                    ),
                },
                {
                    "title": "Colóquese en una postura segura",
                    "body": (
                        "Póngase delante de la persona, un poco hacia su lado más débil. Separe "
                        "los pies, uno un poco adelantado, con las rodillas dobladas y la espalda "
                        "recta. Manténgase cerca. Si su terapeuta se lo enseñó, sujete la rodilla "
                        "más débil de la persona con su rodilla."
                    ),
                    "safety": "No se doble por la cintura ni gire la espalda.",
                },
                {
                    "title": "Levántense juntos",
                    "body": (
                        "Pida a la persona que se deslice hacia el borde de la cama, se incline "
                        "hacia delante (la nariz por encima de los pies) y apoye las manos en la "
                        'cama. Al decir "uno, dos, tres, arriba", ella empuja desde la cama '
                        "mientras usted estira las piernas y la guía con el cinturón."
                    ),
                    "safety": "No deje que le rodee el cuello con los brazos.",
                },
                {
                    "title": "Giren hacia la silla",
                    "body": (
                        "Cuando esté estable, giren juntos con pasos cortos hasta que la parte de "
                        "atrás de sus piernas toque el asiento. Mueva los pies al girar, en lugar "
                        "de torcer la espalda."
                    ),
                    "safety": "",
                },
                {
                    "title": "Siéntela despacio",
                    "body": (
                        "Pídale que busque con las manos los dos reposabrazos, una mano cada vez. "
                        "Doble las rodillas a la vez que ella y guíela hacia abajo despacio. "
                        "Ayúdele a sentarse bien al fondo de la silla y vuelva a poner los "
                        "reposapiés."
                    ),
                    "safety": (
                        "Si la persona empieza a caerse, no intente sujetarla. Mantenga la espalda"
                        " recta, sujete el cinturón, bájela con suavidad hasta el suelo y pida "
                        "ayuda."
                    ),
                },
            ],
        },
    },
    {
        "slug": "helping-with-bathing",
        "title": "Helping with bathing",
        "summary": (
            "How to help someone shower safely and comfortably, while respecting their privacy and"
            " letting them do as much as they can."
        ),
        "image": "img/guides/helping-with-bathing.svg",
        "steps": [
            {
                "title": "Get the bathroom ready",
                "body": (
                    "Warm the room first. Put a non-slip mat in the shower and on the floor "
                    "outside it. Set up the shower chair and a hand-held shower. Put soap, "
                    "washcloths, shampoo, towels and clean clothes within reach before you start."
                ),
                "safety": (
                    "Never use a towel rail or soap dish as a handhold. Only grab bars are made to"
                    " hold a person's weight."
                ),
                "image": "img/guides/helping-with-bathing-1.svg",
            },
            {
                "title": "Check the water temperature",
                "body": (
                    "Run the water before the person gets in. Test it with your wrist or elbow, or"
                    " a bath thermometer: it should feel warm, not hot (about 37 to 38 °C or 99 to"
                    " 100 °F). Check it again during the shower."
                ),
                "safety": (
                    "People with diabetes or after a stroke may not feel heat well and can be "
                    "burned easily. Never let them test the water with a numb hand or foot."
                ),
                "image": "img/guides/helping-with-bathing-2.svg",
            },
            {
                "title": "Help them onto the shower chair",
                "body": (
                    "Help them in using the grab bar and the transfer method your therapist showed"
                    " you. Make sure they sit back fully on the seat with both feet on the floor."
                ),
                "safety": "Stay with them. Never leave someone alone on a shower chair.",
                "image": "",
            },
            {
                "title": "Protect their privacy and dignity",
                "body": (
                    "Explain each step before you do it, and ask how they like things done. Keep a"
                    " towel over the parts of the body you are not washing. Let them wash whatever"
                    " they can reach, even if it takes longer."
                ),
                "safety": "",
                "image": "img/guides/helping-with-bathing-4.svg",
            },
            {
                "title": "Wash from top to bottom",
                "body": (
                    "Wash the face first, then the hair, arms, chest, back and legs, and the "
                    "private areas last. A long-handled sponge helps them reach their back and "
                    "feet. Rinse off all the soap so the skin and floor are not slippery."
                ),
                "safety": (
                    "Kneel on a folded towel or sit on a low stool to wash legs and feet, so you "
                    "do not stay bent over."
                ),
                "image": "",
            },
            {
                "title": "Dry well and check the skin",
                "body": (
                    "While they are still seated, pat the skin dry, especially in skin folds and "
                    "between the toes. Look for red patches, sores or blisters, and tell the nurse"
                    " or therapist about any you find."
                ),
                "safety": "",
                "image": "",
            },
            {
                "title": "Help them out and dressed",
                "body": (
                    "Turn off the water and dry their feet and the floor. Help them stand using "
                    "the grab bar, and step out slowly with their walking aid. Let them sit in a "
                    "warm room to get dressed."
                ),
                "safety": (
                    "Watch for dizziness after a warm shower: let them sit for a moment before "
                    "standing."
                ),
                "image": "",
            },
        ],
        "es": {
            "title": "Ayudar con el baño",
            "summary": (
                "Cómo ayudar a una persona a ducharse de forma segura y cómoda, respetando su "
                "intimidad y dejando que haga todo lo que pueda por sí misma."
            ),
            "steps": [
                {
                    "title": "Prepare el baño",
                    "body": (
                        "Caliente primero el cuarto de baño. Ponga una alfombrilla antideslizante "
                        "dentro de la ducha y otra en el suelo de fuera. Coloque la silla de ducha"
                        " y una ducha de mano. Deje al alcance el jabón, las manoplas, el champú, "
                        "las toallas y la ropa limpia antes de empezar."
                    ),
                    "safety": (
                        "Nunca use un toallero ni una jabonera para agarrarse. Solo las barras de "
                        "apoyo están hechas para aguantar el peso de una persona."
                    ),
                },
                {
                    "title": "Compruebe la temperatura del agua",
                    "body": (
                        "Abra el agua antes de que la persona entre. Pruébela con la muñeca o el "
                        "codo, o con un termómetro de baño: debe estar tibia, no caliente (unos 37"
                        " a 38 °C). Vuelva a comprobarla durante la ducha."
                    ),
                    "safety": (
                        "Las personas con diabetes o que han tenido un ictus pueden no notar bien "
                        "el calor y quemarse con facilidad. Nunca deje que prueben el agua con una"
                        " mano o un pie adormecidos."
                    ),
                },
                {
                    "title": "Ayúdele a sentarse en la silla de ducha",
                    "body": (
                        "Ayúdele a entrar usando la barra de apoyo y el método de traslado que le "
                        "enseñó su terapeuta. Asegúrese de que se sienta bien al fondo del asiento"
                        " con los dos pies en el suelo."
                    ),
                    "safety": "Quédese con la persona. Nunca la deje sola en una silla de ducha.",
                },
                {
                    "title": "Proteja su intimidad y su dignidad",
                    "body": (
                        "Explique cada paso antes de hacerlo y pregúntele cómo le gusta que se "
                        "hagan las cosas. Cubra con una toalla las partes del cuerpo que no esté "
                        "lavando. Deje que se lave todo lo que alcance, aunque tarde más."
                    ),
                    "safety": "",
                },
                {
                    "title": "Lave de arriba abajo",
                    "body": (
                        "Lave primero la cara, después el pelo, los brazos, el pecho, la espalda y"
                        " las piernas, y las partes íntimas al final. Una esponja de mango largo "
                        "le ayuda a llegar a la espalda y los pies. Aclare todo el jabón para que "
                        "la piel y el suelo no resbalen."
                    ),
                    "safety": (
                        "Arrodíllese sobre una toalla doblada o siéntese en un taburete bajo para "
                        "lavar las piernas y los pies, y así no estar mucho tiempo agachado."
                    ),
                },
                {
                    "title": "Seque bien y revise la piel",
                    "body": (
                        "Mientras sigue sentada, seque la piel con toques suaves, sobre todo en "
                        "los pliegues y entre los dedos de los pies. Busque zonas rojas, llagas o "
                        "ampollas, y avise a la enfermera o al terapeuta si encuentra alguna."
                    ),
                    "safety": "",
                },
                {
                    "title": "Ayúdele a salir y a vestirse",
                    "body": (
                        "Cierre el agua y seque los pies de la persona y el suelo. Ayúdele a "
                        "ponerse de pie con la barra de apoyo y a salir despacio con su ayuda para"
                        " caminar. Deje que se siente en un cuarto cálido para vestirse."
                    ),
                    "safety": (
                        "Vigile si se marea después de una ducha caliente: deje que se siente un "
                        "momento antes de ponerse de pie."
                    ),
                },
            ],
        },
    },
    {
        "slug": "meals-with-swallowing-difficulty",
        "title": "Setting up meals for someone with swallowing difficulty",
        "summary": (
            "How to help someone eat and drink more safely when swallowing is hard. Always follow "
            "the speech therapist's plan for food textures and drinks."
        ),
        "image": "img/guides/meals-with-swallowing-difficulty.svg",
        "steps": [
            {
                "title": "Follow the texture plan",
                "body": (
                    "The speech therapist (speech-language pathologist) will tell you which food "
                    "textures and drink thicknesses are safe, such as minced and moist food or "
                    "mildly thick drinks. Keep a copy on the fridge. Prepare every meal, snack and"
                    " drink to match."
                ),
                "safety": (
                    "Do not give foods or thin drinks that are not on the plan, even as a treat. "
                    "Ask the pharmacist before crushing tablets or opening capsules."
                ),
                "image": "img/guides/meals-with-swallowing-difficulty-1.svg",
            },
            {
                "title": "Sit them fully upright",
                "body": (
                    "Help the person sit up straight in a chair at the table: hips back, feet "
                    "flat, head level or tipped slightly forward. If they must eat in bed, raise "
                    "the head of the bed as high as it goes and support them with pillows."
                ),
                "safety": "Never feed someone who is lying back, drowsy or not fully awake.",
                "image": "img/guides/meals-with-swallowing-difficulty-2.svg",
            },
            {
                "title": "Make mealtime calm",
                "body": (
                    "Turn off the TV and keep talk simple. Sit at their eye level instead of "
                    "standing over them. Let them feed themselves if they can, using adapted "
                    "cutlery if needed."
                ),
                "safety": "",
                "image": "",
            },
            {
                "title": "Offer small bites, slowly",
                "body": (
                    "Offer small spoonfuls (about a teaspoon) and small sips. Wait until each "
                    "mouthful is swallowed before offering the next. Remind them of any swallowing"
                    " technique the speech therapist taught them. Avoid straws unless the speech "
                    "therapist says they are safe."
                ),
                "safety": "Do not rush. A meal can take 30 to 40 minutes.",
                "image": "",
            },
            {
                "title": "Watch for warning signs",
                "body": (
                    "Stop the meal and tell the speech therapist or doctor if you notice coughing "
                    "or choking when swallowing, a wet or gurgly voice, watery eyes, trouble "
                    "breathing, or food left in the mouth after swallowing."
                ),
                "safety": (
                    "A fever or chest infection can be a sign that food or drink is going into the"
                    " lungs (aspiration). Get medical advice."
                ),
                "image": "img/guides/meals-with-swallowing-difficulty-5.svg",
            },
            {
                "title": "Know what to do if they choke",
                "body": (
                    "If they can cough, encourage them to keep coughing. If they cannot speak, "
                    "breathe or cough, call emergency services at once and give choking first aid "
                    "(back blows and abdominal thrusts) if you are trained. A first-aid course is "
                    "a good idea for every caregiver."
                ),
                "safety": "Call emergency services straight away if the person cannot breathe.",
                "image": "",
            },
            {
                "title": "Keep them upright and clean the mouth",
                "body": (
                    "Keep them sitting upright for at least 30 minutes after eating. Check the "
                    "mouth for leftover food, especially on a weaker side, and help them brush "
                    "their teeth or clean their dentures."
                ),
                "safety": "Good mouth care lowers the risk of chest infections.",
                "image": "",
            },
        ],
    },
    {
        "slug": "making-home-safer",
        "title": "Making the home safer",
        "summary": (
            "Simple changes that lower the risk of falls and make daily tasks easier. Walk through"
            " each room with this list; your therapist can advise on bigger changes."
        ),
        "image": "img/guides/making-home-safer.svg",
        "steps": [
            {
                "title": "Clear the floors",
                "body": (
                    "Take up loose rugs and mats, or fix them down firmly. Run electrical cords "
                    "along the walls. Keep walkways clear of clutter, shoes and small furniture."
                ),
                "safety": (
                    "Bend your knees, not your back, when moving furniture, and ask for help with "
                    "heavy items."
                ),
                "image": "img/guides/making-home-safer-1.svg",
            },
            {
                "title": "Light it up",
                "body": (
                    "Use bright bulbs in every room, hallway and stairway. Make sure there is a "
                    "light switch at the door of each room and at the top and bottom of stairs. "
                    "Add night lights between the bedroom and bathroom."
                ),
                "safety": "",
                "image": "img/guides/making-home-safer-2.svg",
            },
            {
                "title": "Fit grab bars",
                "body": (
                    "Fit grab bars beside the toilet and in the shower or bath. They must be "
                    "screwed into a wall stud or solid wall by someone qualified. Suction-cup bars"
                    " are not safe to take your full weight."
                ),
                "safety": "Never use a towel rail as a grab bar.",
                "image": "img/guides/making-home-safer-3.svg",
            },
            {
                "title": "Make the bathroom safer",
                "body": (
                    "Put non-slip mats in the shower or bath and on the floor outside it. A shower"
                    " chair, tub transfer bench or raised toilet seat can make washing and using "
                    "the toilet safer; ask your therapist which suits you."
                ),
                "safety": "Wipe up water on the floor straight away.",
                "image": "",
            },
            {
                "title": "Make doors and stairs easier",
                "body": (
                    "Change round door knobs to lever handles, which are easier for weak or sore "
                    "hands. Fit sturdy handrails on both sides of the stairs, and mark the edge of"
                    " each step with a bright strip if eyesight is poor."
                ),
                "safety": "",
                "image": "",
            },
            {
                "title": "Plan for steps at the entrance",
                "body": (
                    "If the entrance steps are hard to manage, a ramp may help. A ramp needs a "
                    "gentle slope (about 1 in 12: every 12 inches of length rises no more than 1 "
                    "inch), handrails and a non-slip surface. Your therapist can measure and "
                    "advise."
                ),
                "safety": "A ramp that is too steep can be more dangerous than the steps.",
                "image": "",
            },
            {
                "title": "Keep things within easy reach",
                "body": (
                    "Store the things you use every day between waist and shoulder height, so you "
                    "do not need to bend low or climb. Use a reacher for light things on low "
                    "shelves."
                ),
                "safety": "Never stand on a chair or stool to reach something.",
                "image": "",
            },
        ],
        "es": {
            "title": "Una casa más segura",
            "summary": (
                "Cambios sencillos que bajan el riesgo de caídas y facilitan las tareas de cada"
                " día. Recorra cada habitación con esta lista; su terapeuta puede aconsejarle"
                " sobre cambios más grandes."
            ),
            "steps": [
                {
                    "title": "Despeje el suelo",
                    "body": (
                        "Quite las alfombras y alfombrillas sueltas, o fíjelas bien al suelo. Pase"
                        " los cables eléctricos junto a las paredes. Deje los pasillos libres de"
                        " cosas, zapatos y muebles pequeños."
                    ),
                    "safety": (
                        "Al mover muebles, doble las rodillas, no la espalda, y pida ayuda con"
                        " las cosas pesadas."
                    ),
                },
                {
                    "title": "Ponga buena luz",
                    "body": (
                        "Use bombillas potentes en cada habitación, pasillo y escalera. Compruebe"
                        " que hay un interruptor en la puerta de cada habitación y arriba y abajo"
                        " de la escalera. Ponga luces de noche entre el dormitorio y el baño."
                    ),
                    "safety": "",
                },
                {
                    "title": "Ponga barras de apoyo",
                    "body": (
                        "Ponga barras de apoyo junto al inodoro y en la ducha o la bañera. Debe"
                        " atornillarlas a una pared firme una persona que sepa hacerlo. Las barras"
                        " con ventosas no aguantan todo su peso sin peligro."
                    ),
                    "safety": "Nunca use un toallero como barra de apoyo.",
                },
                {
                    "title": "Haga el baño más seguro",
                    "body": (
                        "Ponga alfombrillas antideslizantes en la ducha o la bañera y en el suelo"
                        " de fuera. Una silla de ducha, un banco para la bañera o un alza para el"
                        " inodoro pueden hacer más seguro lavarse y usar el baño; pregunte a su"
                        " terapeuta cuál le conviene."
                    ),
                    "safety": "Seque enseguida el agua del suelo.",
                },
                {
                    "title": "Facilite puertas y escaleras",
                    "body": (
                        "Cambie los pomos redondos por manijas de palanca, que son más fáciles"
                        " para manos débiles o doloridas. Ponga pasamanos firmes a los dos lados"
                        " de la escalera y marque el borde de cada escalón con una tira de color"
                        " vivo si la persona ve mal."
                    ),
                    "safety": "",
                },
                {
                    "title": "Piense en los escalones de la entrada",
                    "body": (
                        "Si cuesta subir los escalones de la entrada, una rampa puede ayudar. Una"
                        " rampa necesita poca pendiente (más o menos 1 de cada 12: por cada 12"
                        " centímetros de largo sube como mucho 1 centímetro), pasamanos y un suelo"
                        " antideslizante. Su terapeuta puede medir y aconsejarle."
                    ),
                    "safety": (
                        "Una rampa demasiado empinada puede ser más peligrosa que los escalones."
                    ),
                },
                {
                    "title": "Tenga las cosas a mano",
                    "body": (
                        "Guarde lo que usa cada día entre la altura de la cintura y la del hombro,"
                        " para no tener que agacharse ni subirse a nada. Use una pinza de alcance"
                        " para las cosas ligeras de los estantes bajos."
                    ),
                    "safety": "Nunca se suba a una silla o un taburete para alcanzar algo.",
                },
            ],
        },
    },
    {
        "slug": "dressing-after-stroke",
        "title": "Helping with dressing after a stroke",
        "summary": (
            "An easy rule to remember: dress the weaker side first, and undress it last. These "
            "steps help the person do as much as they can for themselves."
        ),
        "image": "img/guides/dressing-after-stroke.svg",
        "steps": [
            {
                "title": "Get set up",
                "body": (
                    "Help the person sit in a sturdy chair with arms, or on the edge of the bed, "
                    "with feet flat on the floor. Lay the clothes out in the order they go on. "
                    "Loose clothes with stretchy waists, front openings, and slip-on or Velcro "
                    "shoes are easiest."
                ),
                "safety": "Make sure they are sitting steadily before you start.",
                "image": "img/guides/dressing-after-stroke-1.svg",
            },
            {
                "title": "Position yourself on the weaker side",
                "body": (
                    "Sit or kneel on the person's weaker side, where they need most help. Kneel on"
                    " a cushion or sit on a low stool so you do not stay bent over."
                ),
                "safety": "",
                "image": "",
            },
            {
                "title": "Shirt: weaker arm in first",
                "body": (
                    "Lay the shirt on their lap, inside facing up and collar toward them. Help "
                    "them put the weaker arm into its sleeve and pull the sleeve up past the elbow"
                    " to the shoulder. Then they reach the stronger arm around and into the other "
                    "sleeve."
                ),
                "safety": (
                    "Do not pull on the weaker arm or hand. Move it gently, supporting the elbow "
                    "and wrist."
                ),
                "image": "img/guides/dressing-after-stroke-3.svg",
            },
            {
                "title": "Trousers: weaker leg first",
                "body": (
                    "While they are sitting, help them cross the weaker leg over the stronger one "
                    "and put that trouser leg on first. Then the stronger leg goes in. Pull the "
                    "trousers up the thighs as far as they will go."
                ),
                "safety": "",
                "image": "",
            },
            {
                "title": "Stand to pull them up",
                "body": (
                    "Help them stand using the method your therapist showed you, holding on to "
                    "something steady. Pull the trousers up to the waist, then help them sit down "
                    "to do up the fastening."
                ),
                "safety": (
                    "If they cannot stand safely, roll them from side to side in bed to pull "
                    "trousers up instead."
                ),
                "image": "img/guides/dressing-after-stroke-5.svg",
            },
            {
                "title": "Socks and shoes",
                "body": (
                    "Cross the weaker leg over to put on the sock and shoe, or use a sock aid and "
                    "a long-handled shoe horn. Make sure shoes fit well and are fastened."
                ),
                "safety": "Check the weaker foot for red marks: the person may not feel rubbing.",
                "image": "",
            },
            {
                "title": "Undressing: weaker side last",
                "body": (
                    "Take clothes off the stronger side first, then the weaker side. Give the "
                    "person time, and praise each step they do on their own."
                ),
                "safety": "",
                "image": "",
            },
        ],
        "es": {
            "title": "Ayudar a vestirse después de un ictus",
            "summary": (
                "Una regla fácil de recordar: vista primero el lado más débil y desvístalo el"
                " último. Estos pasos ayudan a la persona a hacer todo lo que pueda por sí misma."
            ),
            "steps": [
                {
                    "title": "Prepárelo todo",
                    "body": (
                        "Ayude a la persona a sentarse en una silla firme con brazos, o en el borde"
                        " de la cama, con los pies planos en el suelo. Ponga la ropa en el orden en"
                        " que se la va a poner. Lo más fácil es la ropa holgada con cintura"
                        " elástica, que se abra por delante, y zapatos sin cordones o con velcro."
                    ),
                    "safety": "Compruebe que está sentada con firmeza antes de empezar.",
                },
                {
                    "title": "Colóquese en el lado más débil",
                    "body": (
                        "Siéntese o arrodíllese en el lado más débil de la persona, donde más"
                        " ayuda necesita. Arrodíllese sobre un cojín o siéntese en un taburete"
                        " bajo para no estar doblado mucho tiempo."
                    ),
                    "safety": "",
                },
                {
                    "title": "Camisa: primero el brazo más débil",
                    "body": (
                        "Ponga la camisa sobre sus piernas, con el interior hacia arriba y el"
                        " cuello hacia la persona. Ayúdele a meter el brazo más débil en su manga"
                        " y suba la manga más allá del codo, hasta el hombro. Después, ella lleva"
                        " el brazo más fuerte por detrás y lo mete en la otra manga."
                    ),
                    "safety": (
                        "No tire del brazo ni de la mano más débil. Muévalo con suavidad,"
                        " sujetando el codo y la muñeca."
                    ),
                },
                {
                    "title": "Pantalones: primero la pierna más débil",
                    "body": (
                        "Con la persona sentada, ayúdele a cruzar la pierna más débil sobre la más"
                        " fuerte y a meterla primero en el pantalón. Después entra la pierna más"
                        " fuerte. Suba el pantalón por los muslos todo lo que se pueda."
                    ),
                    "safety": "",
                },
                {
                    "title": "De pie para subirlos",
                    "body": (
                        "Ayúdele a ponerse de pie como le enseñó su terapeuta, agarrada a algo"
                        " firme. Suba el pantalón hasta la cintura y luego ayúdele a sentarse para"
                        " abrocharlo."
                    ),
                    "safety": (
                        "Si no puede ponerse de pie sin peligro, súbale el pantalón en la cama,"
                        " girándola de un lado a otro."
                    ),
                },
                {
                    "title": "Calcetines y zapatos",
                    "body": (
                        "Cruce la pierna más débil para ponerle el calcetín y el zapato, o use un"
                        " ponecalcetines y un calzador de mango largo. Compruebe que los zapatos"
                        " le quedan bien y están abrochados."
                    ),
                    "safety": (
                        "Mire si el pie más débil tiene marcas rojas: puede que la persona no"
                        " sienta el roce."
                    ),
                },
                {
                    "title": "Desvestirse: el lado más débil al final",
                    "body": (
                        "Quite la ropa primero del lado más fuerte y después del más débil. Dele"
                        " tiempo a la persona y felicítela por cada paso que haga sola."
                    ),
                    "safety": "",
                },
            ],
        },
    },
    {
        "slug": "child-handwriting-homework",
        "title": "Supporting your child's handwriting homework",
        "summary": (
            "Small changes to the set-up, the routine and how you help can make handwriting less "
            "of a battle and build your child's confidence."
        ),
        "image": "img/guides/child-handwriting-homework.svg",
        "steps": [
            {
                "title": "Set up the workspace",
                "body": (
                    "Choose a quiet spot with good light. Your child's feet should rest flat on "
                    "the floor (use a box or step if they do not reach), with hips and knees bent "
                    "at about a right angle. The table should be about elbow height."
                ),
                "safety": "",
                "image": "img/guides/child-handwriting-homework-1.svg",
            },
            {
                "title": "Warm up first",
                "body": (
                    "Spend 2 to 3 minutes on hand warm-ups before writing, such as chair push-ups,"
                    " squeezing a soft ball or pressing palms together."
                ),
                "safety": "",
                "image": "",
            },
            {
                "title": "Check the pencil and paper",
                "body": (
                    "Use a short pencil, or a pencil grip if your therapist recommends one. Tilt "
                    "the paper slightly: to the left for right-handed children and to the right "
                    "for left-handed children. The helper hand holds the paper still."
                ),
                "safety": "",
                "image": "img/guides/child-handwriting-homework-3.svg",
            },
            {
                "title": "Keep sessions short",
                "body": (
                    "Work for 10 to 15 minutes, then take a movement break: jumping, carrying "
                    "books or a quick walk. Short bursts work better than one long struggle."
                ),
                "safety": (
                    "If your child often says their hand hurts when writing, tell your therapist."
                ),
                "image": "",
            },
            {
                "title": "Help with letters the same way each time",
                "body": (
                    "If a letter is formed the wrong way, show the right starting point (usually "
                    "at the top) and say the steps out loud. Use the same words the school uses. "
                    "Fix one thing at a time rather than every mistake."
                ),
                "safety": "",
                "image": "img/guides/child-handwriting-homework-5.svg",
            },
            {
                "title": "Praise the effort",
                "body": (
                    'Praise effort, and one specific thing done well, such as "Your letters are '
                    'sitting on the line." Try not to rub out large amounts of work.'
                ),
                "safety": "",
                "image": "",
            },
            {
                "title": "Talk with the school",
                "body": (
                    "If homework often takes much longer than expected or ends in tears, tell the "
                    "teacher and your therapist. Shorter tasks, extra time or typing may help."
                ),
                "safety": "",
                "image": "",
            },
        ],
    },
    {
        "slug": "calming-transitions-autism",
        "title": "Calm transitions for a child with autism",
        "summary": (
            "Moving from one activity to the next can be hard for autistic children. A predictable"
            " routine, clear warnings and a calming plan can help."
        ),
        "image": "img/guides/calming-transitions-autism.svg",
        "steps": [
            {
                "title": "Use a picture schedule",
                "body": (
                    "Show the day's activities in order with pictures or words. Go through it "
                    "together each morning, and point to it before each change."
                ),
                "safety": "",
                "image": "img/guides/calming-transitions-autism-1.svg",
            },
            {
                "title": 'Use "first, then"',
                "body": (
                    'For hard changes, show two pictures: "First shoes, then park." Put the '
                    "less-liked task first and something your child enjoys next."
                ),
                "safety": "",
                "image": "",
            },
            {
                "title": "Give warnings before the change",
                "body": (
                    "Give a warning 5 minutes before and again 2 minutes before. A visual timer "
                    'lets your child see the time passing. Say it the same way each time: "Two '
                    'more minutes, then bath."'
                ),
                "safety": "",
                "image": "img/guides/calming-transitions-autism-3.svg",
            },
            {
                "title": "Use few, calm words",
                "body": (
                    "When it is time, get down to your child's level, say their name and give one "
                    "short instruction. Give them time to take it in before you repeat it."
                ),
                "safety": "",
                "image": "",
            },
            {
                "title": "Offer something to carry or a job",
                "body": (
                    "A small favourite toy to carry, or a job such as carrying the bag, can make "
                    "moving to the next place easier."
                ),
                "safety": "",
                "image": "",
            },
            {
                "title": "If your child becomes upset",
                "body": (
                    "Stay calm and quiet. Lower noise, lights and talking. Offer what usually "
                    "helps, such as deep pressure, a quiet corner or heavy work. Wait until they "
                    "are calm before talking about what happened."
                ),
                "safety": (
                    "Keep your child safe: move hard or sharp objects away. Do not hold your child"
                    " down unless it is needed to prevent harm."
                ),
                "image": "img/guides/calming-transitions-autism-6.svg",
            },
            {
                "title": "Praise and review",
                "body": (
                    "Praise smooth changes straight away. Later, think about what helped and what "
                    "made it harder, and share this with your therapist."
                ),
                "safety": "",
                "image": "",
            },
        ],
    },
    {
        "slug": "preventing-falls-at-night",
        "title": "Preventing falls at night",
        "summary": (
            "Many falls happen at night, often on the way to the toilet. These steps make "
            "night-time trips safer."
        ),
        "image": "img/guides/preventing-falls-at-night.svg",
        "steps": [
            {
                "title": "Light the way",
                "body": (
                    "Put night lights along the path from the bed to the bathroom, and a lamp or "
                    "touch light within easy reach of the bed. Motion-sensor lights switch on by "
                    "themselves."
                ),
                "safety": "",
                "image": "img/guides/preventing-falls-at-night-1.svg",
            },
            {
                "title": "Clear the path",
                "body": (
                    "Keep the path from the bed to the toilet clear of rugs, shoes, cords and "
                    "furniture. Check it every evening."
                ),
                "safety": "",
                "image": "",
            },
            {
                "title": "Set up the bedside",
                "body": (
                    "Keep glasses, walking aid, phone or alarm button, and a drink within reach of"
                    " the bed. A bedside commode or urinal can save a walk at night if the toilet "
                    "is far away."
                ),
                "safety": "",
                "image": "img/guides/preventing-falls-at-night-3.svg",
            },
            {
                "title": "Check the bed height",
                "body": (
                    "When the person sits on the edge of the bed, their feet should be flat on the"
                    " floor with knees bent at about a right angle. A bed that is too high or too "
                    "low makes standing harder."
                ),
                "safety": (
                    "Ask your therapist before fitting a bed rail: the wrong type can trap a "
                    "person."
                ),
                "image": "",
            },
            {
                "title": "Get up slowly",
                "body": (
                    'Teach the "sit, then stand" rule: sit on the edge of the bed for a minute and'
                    " pump the ankles, then stand and wait a moment before walking. Blood pressure"
                    " can drop on getting up and cause dizziness."
                ),
                "safety": "If dizzy, sit back down and wait until it passes.",
                "image": "img/guides/preventing-falls-at-night-5.svg",
            },
            {
                "title": "Wear safe footwear",
                "body": (
                    "Use well-fitting slippers with closed backs and non-slip soles, or shoes. "
                    "Avoid walking in socks, tights or loose slippers."
                ),
                "safety": "",
                "image": "",
            },
            {
                "title": "Plan drinks and medicines",
                "body": (
                    "Drink well during the day and less in the last 2 hours before bed, to cut "
                    "down night-time trips. Ask the doctor or pharmacist whether any medicines, "
                    "such as sleeping tablets or water tablets, could cause dizziness or "
                    "night-time toilet trips."
                ),
                "safety": "Do not stop any medicine without medical advice.",
                "image": "",
            },
            {
                "title": "Know what to do after a fall",
                "body": (
                    "If the person falls, do not rush to lift them. Check for pain or injury, and "
                    "call for help if they are hurt or cannot get up. Only help them up if they "
                    "are not hurt, using the method your therapist showed you. A personal alarm "
                    "lets someone who lives alone call for help."
                ),
                "safety": "If you cannot help them up safely, keep them warm and call for help.",
                "image": "",
            },
        ],
    },
]

# Daily plan for the demo client: an older adult recovering after a stroke that affected one
# arm and hand.
DEMO_PLAN_SLUGS = [
    "putty-squeeze",
    "finger-opposition",
    "table-towel-slides",
    "wrist-flexion-extension",
    "buttoning-practice",
    "sit-to-stand",
]

# Plan for the second practice's client: a 9-year-old with handwriting and fine motor
# difficulties, practising with a parent.
DEMO_PLAN2_SLUGS = [
    "handwriting-warm-ups",
    "pencil-grip",
    "letter-formation",
    "scissor-skills",
    "peg-board",
]
