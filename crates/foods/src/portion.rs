//! Realistic portions: the amount of a food people customarily eat at one
//! time, so that "per portion" ranks almonds by the ounce rather than by the
//! cup.
//!
//! The source is the US FDA's table of Reference Amounts Customarily Consumed
//! per eating occasion (RACC), 21 CFR 101.12(b), Table 2 (general food
//! supply) and Table 1 (infants and young children) for baby foods. Each food
//! is mapped to a RACC category by a table of rules over its SR28 food group
//! and the words of its description ([`RULES`]); the first rule that fits
//! wins, and every group ends with a rule that fits all its foods. The
//! portion is then the household measure closest to that reference amount
//! ([`choose_measure`]), or the reference grams themselves ("30 g") when no
//! measure is close.
//!
//! Where the app departs from the table, the rule says so: alcoholic drinks
//! use the US "standard drink" sizes (the FDA does not regulate their
//! labels), plain coffee and tea use one cup rather than the 360 mL of
//! flavoured drinks, and spices use one teaspoon, the amount recipes and
//! people measure, rather than the table's quarter teaspoon.

use super::food::Measure;

/// How much of a food one portion is: a number of one of its household
/// measures ("½ × 1 cup"), or plain grams when no measure is close to the
/// reference amount.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Portion {
    /// The index into the food's measures, or `None` for grams.
    pub measure: Option<usize>,
    /// How many of the measure, or the grams.
    pub quantity: f64,
}

impl Portion {
    /// A portion in plain grams.
    pub const fn grams(grams: f64) -> Portion {
        Portion {
            measure: None,
            quantity: grams,
        }
    }

    /// A portion of `quantity` times the measure at `index`.
    pub const fn of_measure(index: usize, quantity: f64) -> Portion {
        Portion {
            measure: Some(index),
            quantity,
        }
    }
}

/// A reference amount as the table states it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Racc {
    /// A weight in grams (the table's millilitres are taken as grams).
    Grams(f64),
    /// A household measure such as "1 cup" or "2 tbsp"; `grams` is used with
    /// the weight rule when the food lists no such measure.
    Household { unit: Unit, count: f64, grams: f64 },
    /// Ready-to-eat breakfast cereals, whose reference amount depends on how
    /// much a cup weighs: 15 g under 20 g a cup, 60 g from 43 g a cup, 40 g
    /// in between.
    CerealByDensity,
}

/// The household units a reference amount can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Cup,
    Tbsp,
    Tsp,
}

/// One line of the mapping: foods of `group` (an SR28 group code) whose
/// normalised description contains any of `any` (every food when `any` is
/// empty) and none of `not` belong to the RACC category `category`.
///
/// Patterns are matched against the description in lower case with every
/// run of other characters turned into one space and a space at each end,
/// so " tea " is the word "tea" and " cookie" also matches "cookies".
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub group: u16,
    pub any: &'static [&'static str],
    pub not: &'static [&'static str],
    pub racc: Racc,
    /// The RACC category, as the table names it.
    pub category: &'static str,
}

const fn rule(
    group: u16,
    any: &'static [&'static str],
    not: &'static [&'static str],
    racc: Racc,
    category: &'static str,
) -> Rule {
    Rule {
        group,
        any,
        not,
        racc,
        category,
    }
}

const fn g(grams: f64) -> Racc {
    Racc::Grams(grams)
}

const fn cups(count: f64, grams: f64) -> Racc {
    Racc::Household {
        unit: Unit::Cup,
        count,
        grams,
    }
}

const fn tbsp(count: f64, grams: f64) -> Racc {
    Racc::Household {
        unit: Unit::Tbsp,
        count,
        grams,
    }
}

const fn tsp(count: f64, grams: f64) -> Racc {
    Racc::Household {
        unit: Unit::Tsp,
        count,
        grams,
    }
}

/// Words that mark meat, poultry or fish as weighed raw, whose reference
/// amount is larger than cooked (110 g against 85 g), since cooking loses
/// water.
const RAW: &[&str] = &[" raw "];
/// Drinks measured by the cup.
const DRINKS: &[&str] = &[
    " juice",
    " nectar",
    " drink",
    " beverage",
    " lemonade",
    " smoothie",
];

/// The mapping from SR28 groups and description words to RACC categories,
/// in the order they are tried. Each group's last rule has no words, so every
/// food of the 25 SR28 groups finds one.
#[rustfmt::skip]
pub const RULES: &[Rule] = &[
    // 0100 Dairy and Egg Products.
    rule(100, &[" eggnog"], &[], cups(1.0, 240.0), "Milk, milk-based drinks: 240 mL"),
    rule(100, &[" egg "], &[" substitute"], g(50.0), "Eggs: 50 g"),
    rule(100, &[" egg substitute"], &[], g(55.0), "Egg substitutes: 55 g (1/4 cup)"),
    rule(100, &[" cottage", " ricotta"], &[], g(110.0), "Cottage, ricotta cheese: 110 g"),
    rule(100, &[" yogurt", " yoghurt"], &[], g(170.0), "Yogurt: 170 g"),
    rule(100, &[" ice cream", " frozen"], &[], g(90.0), "Ice cream, frozen dairy desserts: 2/3 cup"),
    rule(100, &[" sour", " dip"], &[" milk "], g(30.0), "Sour cream, dips: 30 g (2 tbsp)"),
    rule(100, &[" cheese"], &[], g(30.0), "Cheese, all others: 30 g"),
    rule(100, &[" butter "], &[" buttermilk"], tbsp(1.0, 14.0), "Butter: 1 tbsp"),
    rule(100, &[" cream", " creamer", " whipped", " topping"], &[" milk "], tbsp(1.0, 15.0), "Cream, creamers, whipped toppings: 1 tbsp (15 mL)"),
    rule(100, &[" evaporated", " condensed"], &[], tbsp(2.0, 30.0), "Evaporated, condensed milk: 2 tbsp (30 mL)"),
    rule(100, &[" dry ", " dried", " powder"], &[], g(25.0), "Dry milk and whey: the amount that makes 240 mL"),
    rule(100, &[], &[], cups(1.0, 240.0), "Milk, milk-based drinks: 240 mL"),
    // 0200 Spices and Herbs.
    rule(200, &[" vinegar"], &[], tbsp(1.0, 15.0), "Vinegar: 1 tbsp (15 mL)"),
    rule(200, &[" fresh"], &[], g(4.0), "Herbs used for garnish or flavour: 4 g"),
    rule(200, &[], &[], tsp(1.0, 2.0), "Spices, dried herbs: 1 tsp (the table gives 1/4 tsp)"),
    // 0300 Baby Foods (Table 1).
    rule(300, &[" dry"], &[" prepared"], g(15.0), "Infant cereals, dry: 15 g"),
    rule(300, &[" cookie", " cracker", " teething", " pretzel", " puffs", " biscuit", " zwieback", " crunchies"], &[], g(7.0), "Infant crackers and biscuits: 7 g"),
    rule(300, &[" bar "], &[], g(40.0), "Bars: 40 g"),
    rule(300, &[" juice", " water"], &[], g(120.0), "Infant juices: 4 fl oz (120 mL)"),
    rule(300, &[" formula"], &[" powder"], g(100.0), "Infant formula: 100 mL, as the label states it"),
    rule(300, &[" formula"], &[], g(14.0), "Infant formula powder: the amount for 100 mL"),
    rule(300, &[" toddler"], &[], g(170.0), "Toddler dinners: 170 g"),
    rule(300, &[" strained"], &[], g(60.0), "Strained baby foods: 60 g"),
    rule(300, &[], &[], g(110.0), "Junior baby foods and dinners: 110 g"),
    // 0400 Fats and Oils.
    rule(400, &[" dressing"], &[], g(30.0), "Salad dressing: 30 g (2 tbsp)"),
    rule(400, &[" mayonnaise", " sandwich spread"], &[], tbsp(1.0, 15.0), "Mayonnaise, sandwich spreads: 1 tbsp"),
    rule(400, &[], &[], tbsp(1.0, 14.0), "Butter, margarine, oil, shortening: 1 tbsp"),
    // 0500 Poultry Products.
    rule(500, RAW, &[], g(110.0), "Poultry, uncooked: 110 g"),
    rule(500, &[], &[], g(85.0), "Poultry, cooked: 85 g"),
    // 0600 Soups, Sauces, and Gravies.
    rule(600, &[" gravy", " gravies"], &[], g(60.0), "Gravies: 1/4 cup"),
    rule(600, &[" soy sauce", " fish sauce", " worcestershire", " hot sauce", " pepper sauce", " teriyaki", " oyster", " hoisin", " tabasco", " sriracha"], &[], tbsp(1.0, 16.0), "Condiment sauces: 1 tbsp"),
    rule(600, &[" pasta sauce", " spaghetti sauce", " marinara", " tomato sauce"], &[], g(125.0), "Major main-entree sauces: 125 g (1/2 cup)"),
    rule(600, &[" sauce", " salsa", " dip"], &[], g(60.0), "Minor main-entree sauces: 1/4 cup"),
    rule(600, &[" dry", " dehydrated", " mix", " bouillon cube", " cube"], &[" prepared", " with water", " with milk"], g(20.0), "Soup mixes: the amount that makes 245 g"),
    rule(600, &[" condensed"], &[" prepared", " with water", " with milk"], g(125.0), "Condensed soups: the amount that makes 245 g"),
    rule(600, &[], &[], cups(1.0, 245.0), "Soups: 245 g (1 cup)"),
    // 0700 Sausages and Luncheon Meats.
    rule(700, &[" bacon"], &[" bits"], g(15.0), "Bacon: 15 g"),
    rule(700, &[" spread", " pate", " paste"], &[], g(30.0), "Meat spreads, pate: 30 g"),
    rule(700, &[], &[], g(55.0), "Sausages, luncheon meats, hot dogs: 55 g"),
    // 0800 Breakfast Cereals.
    rule(800, &[" wheat germ", " wheat bran"], &[], g(15.0), "Wheat germ and bran: 15 g"),
    rule(800, &[" cooked", " prepared", " with water", " with milk"], &[], cups(1.0, 240.0), "Hot breakfast cereals: 1 cup prepared"),
    rule(800, &[" dry "], &[" ready to eat"], g(40.0), "Hot breakfast cereals: 40 g plain dry"),
    rule(800, &[], &[], Racc::CerealByDensity, "Ready-to-eat cereals: 15, 40 or 60 g by weight per cup"),
    // 0900 Fruits and Fruit Juices.
    rule(900, DRINKS, &[], cups(1.0, 240.0), "Juices, nectars, fruit drinks: 240 mL"),
    rule(900, &[" olive"], &[], g(15.0), "Olives: 15 g"),
    rule(900, &[" avocado"], &[], g(50.0), "Avocado: 50 g"),
    rule(900, &[" lemon", " lime"], &[" juice"], g(50.0), "Lemons, limes: 50 g"),
    rule(900, &[" watermelon"], &[], g(280.0), "Watermelon: 280 g"),
    rule(900, &[" dried", " dehydrated", " raisin", " prune", " dates ", " candied"], &[" stewed", " cooked"], g(40.0), "Dried fruit: 40 g"),
    rule(900, &[" sauce", " topping", " pie filling"], &[" applesauce"], g(35.0), "Fruit sauces and toppings: 2 tbsp"),
    rule(900, &[], &[], g(140.0), "Fruits, fresh, canned or frozen: 140 g"),
    // 1000 Pork Products.
    rule(1000, &[" bacon", " salt pork", " fatback"], &[], g(15.0), "Bacon: 15 g"),
    rule(1000, RAW, &[], g(110.0), "Meat, uncooked: 110 g"),
    rule(1000, &[], &[], g(85.0), "Meat, cooked: 85 g"),
    // 1100 Vegetables and Vegetable Products.
    rule(1100, DRINKS, &[], cups(1.0, 240.0), "Vegetable juices: 240 mL"),
    rule(1100, &[" seaweed", " agar", " spirulina", " kelp", " nori", " laver", " wakame", " irishmoss"], &[" raw "], g(5.0), "Dried seaweed: 5 g, a sheet or a tablespoon"),
    rule(1100, &[" yeast extract"], &[], tsp(1.0, 6.0), "Yeast extract spread: 1 tsp"),
    rule(1100, &[" garlic", " parsley", " pimento", " chives", " ginger root", " horseradish", " capers"], &[], g(4.0), "Vegetables used for garnish or flavour: 4 g"),
    rule(1100, &[" catsup", " ketchup"], &[], tbsp(1.0, 15.0), "Catsup: 1 tbsp"),
    rule(1100, &[" pickle", " relish"], &[], g(30.0), "Pickles, relishes: 30 g"),
    rule(1100, &[" tomato paste", " tomato puree"], &[], g(30.0), "Tomato paste: 30 g (2 tbsp)"),
    rule(1100, &[" peppers hot", " hot chili", " jalapeno", " green onion", " scallion", " spring onion", " onions young"], &[], g(30.0), "Chili peppers, green onions: 30 g"),
    rule(1100, &[" french fr", " hash brown", " potato puffs", " fried"], &[" raw "], g(70.0), "French fries, hash browns: 70 g"),
    rule(1100, &[" dehydrated", " dried", " powder", " flakes", " granules"], &[" cooked", " prepared"], g(15.0), "Dried vegetables: 15 g"),
    rule(1100, &[], &[], g(85.0), "All other vegetables: 85 g"),
    // 1200 Nut and Seed Products.
    rule(1200, &[" butter", " paste", " tahini", " spread"], &[], tbsp(2.0, 32.0), "Nut and seed butters, pastes: 2 tbsp"),
    rule(1200, &[" coconut water", " almond milk", " beverage"], &[], cups(1.0, 240.0), "Nut-based drinks: 240 mL"),
    rule(1200, &[" coconut milk", " coconut cream"], &[], g(60.0), "Coconut milk and cream: 1/4 cup"),
    rule(1200, &[" coconut"], &[" flour"], g(15.0), "Coconut, shredded or pieces: 15 g"),
    rule(1200, &[], &[], g(30.0), "Nuts, seeds and mixtures: 30 g"),
    // 1300 Beef Products.
    rule(1300, RAW, &[], g(110.0), "Meat, uncooked: 110 g"),
    rule(1300, &[], &[], g(85.0), "Meat, cooked: 85 g"),
    // 1400 Beverages.
    rule(1400, &[" syrup"], &[], tbsp(2.0, 40.0), "Syrups: 2 tbsp (30 mL)"),
    rule(1400, &[" espresso"], &[], g(30.0), "Espresso: one shot, 1 fl oz"),
    rule(1400, &[" beer", " ale ", " malt beverage"], &[" non alcoholic", " root beer"], g(360.0), "Beer: 12 fl oz (a US standard drink)"),
    rule(1400, &[" wine"], &[" non alcoholic", " cooking"], g(150.0), "Wine: 5 fl oz (a US standard drink)"),
    rule(1400, &[" distilled", " liqueur", " whiskey", " vodka", " gin ", " rum ", " tequila", " cordial"], &[], g(45.0), "Spirits: 1.5 fl oz (a US standard drink)"),
    rule(1400, &[" instant", " powder", " dry", " mix"], &[" prepared", " with water", " with milk", " ready to drink"], g(20.0), "Drink mixes: the amount that makes one cup"),
    rule(1400, &[" coffee", " tea ", " teas ", " espresso", " herb tea"], &[], cups(1.0, 240.0), "Coffee and tea, plain: 1 cup (the table gives 360 mL for flavoured ones)"),
    rule(1400, &[" carbonated", " cola", " soda", " energy drink", " sports drink", " tonic", " ginger ale"], &[], g(360.0), "Carbonated and other beverages: 360 mL"),
    rule(1400, &[], &[], cups(1.0, 240.0), "Beverages, water, juices: 240 mL (one cup)"),
    // 1500 Finfish and Shellfish Products.
    rule(1500, &[" roe", " caviar"], &[], g(16.0), "Fish roe, caviar: 1 tbsp"),
    rule(1500, RAW, &[], g(110.0), "Fish and shellfish, uncooked: 110 g"),
    rule(1500, &[], &[], g(85.0), "Fish and shellfish, cooked or canned: 85 g"),
    // 1600 Legumes and Legume Products.
    rule(1600, &[" peanut butter", " peanut spread", " hummus", " hummous"], &[], tbsp(2.0, 32.0), "Peanut butter, hummus: 2 tbsp"),
    rule(1600, &[" soy sauce", " tamari"], &[], tbsp(1.0, 16.0), "Soy sauce: 1 tbsp"),
    rule(1600, &[" miso"], &[], tbsp(1.0, 17.0), "Miso: 1 tbsp"),
    rule(1600, &[" milk", " beverage", " soymilk", " drink"], &[], cups(1.0, 240.0), "Soy drinks: 240 mL"),
    rule(1600, &[" dried frozen"], &[" prepared"], g(20.0), "Dried tofu: one piece"),
    rule(1600, &[" tofu", " tempeh", " natto", " okara", " meatless", " veggie", " vegetarian"], &[], g(85.0), "Tofu, tempeh, meat substitutes: 85 g"),
    rule(1600, &[" peanuts", " soy nuts", " roasted", " peanut"], &[" boiled"], g(30.0), "Peanuts, soy nuts: 30 g"),
    rule(1600, &[" papad", " flour", " protein isolate", " protein concentrate", " meal"], &[], g(30.0), "Legume flours: 30 g"),
    rule(1600, &[" canned", " refried", " baked beans", " in sauce"], &[], g(130.0), "Beans, canned or in sauce: 130 g"),
    rule(1600, &[" raw "], &[" sprouted", " green", " sprouts"], g(35.0), "Beans, dry: 35 g"),
    rule(1600, &[], &[], g(90.0), "Beans, cooked: 90 g"),
    // 1700 Lamb, Veal, and Game Products.
    rule(1700, RAW, &[], g(110.0), "Meat, uncooked: 110 g"),
    rule(1700, &[], &[], g(85.0), "Meat, cooked: 85 g"),
    // 1800 Baked Products.
    rule(1800, &[" crumbs", " croutons", " stuffing mix", " dry mix"], &[" includes "], g(30.0), "Bread crumbs, croutons, mixes: 30 g"),
    rule(1800, &[" stuffing", " dressing"], &[], g(100.0), "Stuffing: 100 g"),
    rule(1800, &[" english muffin"], &[], g(55.0), "English muffins: 55 g"),
    rule(1800, &[" bagel", " muffin", " toaster pastr"], &[], g(110.0), "Bagels, muffins, toaster pastries: 110 g"),
    rule(1800, &[" pancake", " waffle", " french toast", " crepe"], &[], g(110.0), "Pancakes, waffles, French toast: 110 g"),
    rule(1800, &[" cookie", " cracker", " wafer", " graham", " rusk", " melba", " matzo"], &[], g(30.0), "Cookies, crackers: 30 g"),
    rule(1800, &[" brownie"], &[], g(40.0), "Brownies: 40 g"),
    rule(1800, &[" cheesecake", " fruitcake"], &[], g(125.0), "Cakes, heavyweight: 125 g"),
    rule(1800, &[" angelfood", " angel food", " sponge"], &[], g(55.0), "Cakes, lightweight: 55 g"),
    rule(1800, &[" cake", " cupcake"], &[" pancake", " rice cake"], g(80.0), "Cakes, medium weight: 80 g"),
    rule(1800, &[" pie", " cobbler", " strudel", " tart"], &[" crust"], g(125.0), "Pies, cobblers: 125 g"),
    rule(1800, &[" bread", " roll", " bun", " pita"], &[" sweet roll", " cinnamon"], g(50.0), "Breads, rolls: 50 g"),
    rule(1800, &[], &[], g(55.0), "Biscuits, croissants, tortillas, pastries and other baked goods: 55 g"),
    // 1900 Sweets.
    rule(1900, &[" cocoa dry powder", " cocoa powder", " baking chocolate", " chocolate baking"], &[" mix"], tbsp(1.0, 5.0), "Cocoa powder: 1 tbsp"),
    rule(1900, &[" sugars", " sugar "], &[" candies", " free"], g(8.0), "Sugars: 8 g"),
    rule(1900, &[" honey", " jam", " jelly", " jellies", " preserves", " marmalade", " molasses", " fruit butter"], &[" candies", " beans"], tbsp(1.0, 20.0), "Honey, jams, jellies, molasses: 1 tbsp"),
    rule(1900, &[" syrup"], &[], tbsp(2.0, 40.0), "Syrups: 2 tbsp (30 mL)"),
    rule(1900, &[" hard"], &[], g(15.0), "Hard candies: 15 g"),
    rule(1900, &[" gelatin", " pudding", " flan", " custard"], &[" dry mix", " powder"], g(120.0), "Puddings, gelatin desserts: 1/2 cup"),
    rule(1900, &[" ice cream", " frozen", " sherbet", " ices", " popsicle", " fruit bar"], &[], g(90.0), "Frozen desserts: 2/3 cup"),
    rule(1900, &[" topping", " frosting", " icing", " sauce", " fudge"], &[" candies"], tbsp(2.0, 35.0), "Dessert toppings, frostings: 2 tbsp"),
    rule(1900, &[], &[], g(30.0), "Candies, chocolate, all others: 30 g"),
    // 2000 Cereal Grains and Pasta.
    rule(2000, &[" bran", " germ"], &[" cooked"], g(15.0), "Bran, wheat germ: 15 g"),
    rule(2000, &[" flour", " meal", " starch", " semolina"], &[" cooked"], g(30.0), "Flours, cornmeal: 30 g"),
    rule(2000, &[" cooked", " prepared", " boiled", " steamed", " fried"], &[], g(140.0), "Grains and pasta, prepared: 140 g"),
    rule(2000, &[" pasta", " noodles", " macaroni", " spaghetti", " couscous"], &[], g(55.0), "Pasta, dry: 55 g"),
    rule(2000, &[" rice cake", " rice cakes"], &[], g(30.0), "Rice cakes: 30 g"),
    rule(2000, &[], &[], g(45.0), "Grains, dry: 45 g"),
    // 2100 Fast Foods.
    rule(2100, &[" french fr", " hash brown", " potatoes", " onion rings", " tater"], &[], g(70.0), "French fries, hash browns: 70 g"),
    rule(2100, &[" shake", " smoothie", " beverage"], &[], cups(1.0, 240.0), "Milk shakes and drinks: 240 mL"),
    rule(2100, &[" peanuts", " nuts "], &[" sundae"], g(30.0), "Nuts: 30 g"),
    rule(2100, &[" dessert", " cookie", " sundae", " pie", " brownie"], &[], g(80.0), "Desserts: 80 g"),
    rule(2100, &[], &[], g(140.0), "Sandwiches, pizza and other mixed dishes: 140 g"),
    // 2200 Meals, Entrees, and Side Dishes.
    rule(2200, &[" unprepared", " dry mix", " dry "], &[], g(55.0), "Dry mixes: the amount for one prepared portion"),
    rule(2200, &[], &[], cups(1.0, 140.0), "Mixed dishes: 1 cup, or 140 g when not measured by the cup"),
    // 2500 Snacks.
    rule(2500, &[" bar", " bars"], &[], g(40.0), "Snack and granola bars: 40 g"),
    rule(2500, &[], &[], g(30.0), "Chips, pretzels, popcorn and other snacks: 30 g"),
    // 3500 American Indian/Alaska Native Foods.
    rule(3500, &[" oil", " fat", " blubber", " lard"], &[" with "], tbsp(1.0, 14.0), "Fats and oils: 1 tbsp"),
    rule(3500, &[" tea ", " broth", " soup", " stew", " juice"], &[], cups(1.0, 240.0), "Soups, stews, drinks: 1 cup"),
    rule(3500, &[" nuts", " hazelnut", " acorn", " seeds", " pinon", " walnut"], &[], g(30.0), "Nuts and seeds: 30 g"),
    rule(3500, &[" berries", " berry", " fruit", " chokecherries", " raspberries", " blueberries", " cranberries", " salmonberries"], &[" juice"], g(140.0), "Fruits: 140 g"),
    rule(3500, &[" bread", " frybread", " tortilla"], &[], g(55.0), "Breads: 55 g"),
    rule(3500, &[" dried", " jerky", " smoked"], &[], g(30.0), "Dried meats and fish: 30 g"),
    rule(3500, &[" leaves", " greens", " roots", " shoots", " stalks", " plant", " sprouts", " corn", " squash", " cattail", " seaweed"], &[], g(85.0), "Vegetables: 85 g"),
    rule(3500, &[], &[], g(85.0), "Meat and fish, cooked: 85 g"),
    // 3600 Restaurant Foods.
    rule(3600, &[" soup"], &[], cups(1.0, 245.0), "Soups: 245 g (1 cup)"),
    rule(3600, &[], &[], cups(1.0, 140.0), "Mixed dishes: 1 cup, or 140 g when not measured by the cup"),
];

/// The rule for a food, or `None` for a group the table does not know (the
/// 25 SR28 groups are all covered; a later data release might add one).
pub fn rule_for(group_code: u16, description: &str) -> Option<&'static Rule> {
    let text = normalise(description);
    RULES.iter().find(|r| {
        r.group == group_code
            && (r.any.is_empty() || r.any.iter().any(|p| text.contains(p)))
            && !r.not.iter().any(|p| text.contains(p))
    })
}

/// The portion of a food: its group's RACC category turned into one of its
/// measures, or into grams. A food of a group the table does not know gets
/// 100 g, the basis SR28 itself uses.
pub fn portion_for(group_code: u16, description: &str, measures: &[Measure]) -> Portion {
    let racc = rule_for(group_code, description).map_or(Racc::Grams(100.0), |r| r.racc);
    // Bread, rolls and other baked goods are sold and labelled by the
    // piece ("1 slice"), so a piece in the allowed range beats a weight.
    choose_measure(racc, measures, group_code == BAKED_PRODUCTS)
}

/// SR28's "Baked Products" group.
const BAKED_PRODUCTS: u16 = 1800;

/// The grams of a reference amount for a food with these measures: the
/// household measure's weight where the food has one, the stated grams
/// otherwise.
pub fn reference_grams(racc: Racc, measures: &[Measure]) -> f64 {
    match racc {
        Racc::Grams(grams) => grams,
        Racc::Household { unit, count, grams } => household(unit, count, measures)
            .map_or(grams, |(i, quantity)| measures[i].grams * quantity),
        Racc::CerealByDensity => cereal_grams(measures),
    }
}

/// Turns a reference amount into a portion of the food.
///
/// A household reference ("1 cup") uses the food's measure of that unit.
/// A weight uses the measure, or a common fraction or double of it (¼, ½,
/// ¾, 2), closest to the weight within 25 % either side; a single discrete
/// unit (a slice, an egg, a medium fruit) also counts from half to twice the
/// weight, as 21 CFR 101.9(b)(2)(i) lets a label declare one unit in that
/// range. Closeness is the ratio's distance from 1 on a log scale, and a
/// fraction of a measure must be a little closer than a whole one to win.
/// With `prefer_units`, a single unit in its allowed range wins over any
/// weight or volume. With no measure close enough, the portion is the
/// reference grams.
pub fn choose_measure(racc: Racc, measures: &[Measure], prefer_units: bool) -> Portion {
    if let Racc::Household { unit, count, .. } = racc
        && let Some((i, quantity)) = household(unit, count, measures)
    {
        return Portion {
            measure: Some(i),
            quantity,
        };
    }
    let target = reference_grams(racc, measures);
    // Candidates compare by (not a preferred unit, distance); the first of
    // equal candidates, in SR28's order, stays.
    let mut best: Option<((bool, f64), usize, f64)> = None;
    for (i, m) in measures.iter().enumerate() {
        for &k in &[1.0, 0.5, 0.25, 0.75, 2.0] {
            if k != 1.0 && m.amount != 1.0 {
                continue;
            }
            let ratio = m.grams * k / target;
            let discrete_unit = k == 1.0 && m.amount == 1.0 && is_discrete(&m.description);
            let close = (0.75..=1.25).contains(&ratio);
            let one_unit = discrete_unit && (0.5..2.0).contains(&ratio);
            if !(close || one_unit) {
                continue;
            }
            let distance = ratio.ln().abs() + if k == 1.0 { 0.0 } else { 0.1 };
            let score = (!(prefer_units && one_unit), distance);
            if best.is_none_or(|(s, _, _)| score < s) {
                best = Some((score, i, k));
            }
        }
    }
    match best {
        Some((_, i, k)) => Portion {
            measure: Some(i),
            quantity: k,
        },
        None => Portion {
            measure: None,
            quantity: target,
        },
    }
}

/// The food's measure of `unit` and how many of it make `count` units:
/// a measure of exactly `count` ("2 tbsp") first, then one of a single unit,
/// then any other amount of the unit, its quantity rounded to the three
/// decimals the asset stores.
fn household(unit: Unit, count: f64, measures: &[Measure]) -> Option<(usize, f64)> {
    let of_unit = || {
        measures
            .iter()
            .enumerate()
            .filter(|(_, m)| unit_of(&m.description) == Some(unit))
    };
    of_unit()
        .find(|(_, m)| m.amount == count)
        .map(|(i, _)| (i, 1.0))
        .or_else(|| {
            of_unit()
                .find(|(_, m)| m.amount == 1.0)
                .map(|(i, _)| (i, count))
        })
        .or_else(|| {
            of_unit()
                .next()
                .map(|(i, m)| (i, (count / m.amount * 1000.0).round() / 1000.0))
        })
}

fn unit_of(description: &str) -> Option<Unit> {
    let word = description
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    match word {
        "cup" | "cups" => Some(Unit::Cup),
        "tbsp" | "tablespoon" | "tablespoons" => Some(Unit::Tbsp),
        "tsp" | "teaspoon" | "teaspoons" => Some(Unit::Tsp),
        _ => None,
    }
}

/// A measure that names a thing (a slice, a medium apple, a cookie) rather
/// than a volume or a weight.
fn is_discrete(description: &str) -> bool {
    const AMOUNTS: [&str; 14] = [
        "cup", "cups", "tbsp", "tsp", "oz", "fl", "g", "lb", "pint", "quart", "ml", "liter",
        "gallon", "serving",
    ];
    let word = description
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    !AMOUNTS.contains(&word.to_ascii_lowercase().as_str())
}

/// The reference grams of a ready-to-eat cereal from the weight of its cup
/// (Table 2 sorts these cereals by grams per cup); 40 g when the food lists
/// no cup.
fn cereal_grams(measures: &[Measure]) -> f64 {
    match household(Unit::Cup, 1.0, measures) {
        Some((i, quantity)) => {
            let per_cup = measures[i].grams * quantity;
            if per_cup < 20.0 {
                15.0
            } else if per_cup >= 43.0 {
                60.0
            } else {
                40.0
            }
        }
        None => 40.0,
    }
}

/// The description in lower case, each run of other characters one space,
/// with a space at each end, so patterns can match whole words.
fn normalise(description: &str) -> String {
    let mut out = String::with_capacity(description.len() + 2);
    out.push(' ');
    for c in description.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// An amount as people write it: "½", "1¼", "2", or a decimal for anything
/// else ("0.33").
pub fn amount_text(amount: f64) -> String {
    let whole = amount.trunc();
    let fraction = match ((amount - whole) * 100.0).round() as u32 {
        0 => "",
        25 => "¼",
        50 => "½",
        75 => "¾",
        _ => return format!("{}", (amount * 1000.0).round() / 1000.0),
    };
    match (whole as u64, fraction) {
        (0, "") => "0".to_string(),
        (0, f) => f.to_string(),
        (w, f) => format!("{w}{f}"),
    }
}

/// Grams for a label: whole grams from 10 g, one decimal below ("0.5 g").
pub fn grams_text(grams: f64) -> String {
    if grams >= 10.0 {
        format!("{} g", grams.round())
    } else {
        format!("{} g", (grams * 10.0).round() / 10.0)
    }
}

/// A measure's description without a trailing note in parentheses:
/// "oz (23 whole kernels)" reads "oz" once the grams follow it.
pub fn short_description(description: &str) -> &str {
    match description.find(" (") {
        Some(i) if description.ends_with(')') && i > 0 => &description[..i],
        _ => description,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(amount: f64, description: &str, grams: f64) -> Measure {
        Measure {
            amount,
            description: description.to_string(),
            grams,
        }
    }

    /// Real SR28 foods from all 25 groups with the portion a person should
    /// see, including the examples the portions were made for: an ounce of
    /// pumpkin seeds or almonds, half a cup of cooked beans, a slice of
    /// bread, a cup of milk, a tablespoon of molasses, a teaspoon of a spice
    /// and a cup of brewed coffee.
    #[test]
    fn real_foods_get_realistic_portions() {
        use crate::food::NdbNo;
        let db = crate::testing::sr28();
        #[rustfmt::skip]
        let cases: &[(u32, &str)] = &[
            (1077, "1 cup (244 g)"), // Milk, whole, 3.25% milkfat, with added vitamin D
            (1009, "1 oz (28 g)"), // Cheese, cheddar
            (1123, "1 large (50 g)"), // Egg, whole, raw, fresh
            (1116, "1 container (170 g)"), // Yogurt, plain, whole milk, 8 grams protein per 8 ounce
            (2010, "1 tsp (2.6 g)"), // Spices, cinnamon, ground
            (2047, "1 tsp (6 g)"), // Salt, table
            (3189, "½ oz (15 g)"), // Babyfood, cereal, oatmeal, dry fortified
            (3000, "40 g"), // Clif Z bar
            (4053, "1 tablespoon (14 g)"), // Oil, olive, salad or cooking
            (4042, "1 tbsp (14 g)"), // Oil, peanut, salad or cooking
            (5064, "½ breast, bone and skin removed (86 g)"), // Chicken, broilers or fryers, breast, meat only, cooked, roas
            (5062, "3 oz (85 g)"), // Chicken, broiler or fryers, breast, skinless, boneless, meat
            (6419, "1 serving 1 cup (248 g)"), // Soup, chicken noodle, canned, prepared with equal volume wat
            (6931, "1 serving 1/2 cup (132 g)"), // Sauce, pasta, spaghetti/marinara, ready-to-serve
            (7022, "1 frankfurter (50 g)"), // Frankfurter, beef, unheated
            (7003, "2 slice (46 g)"), // Beerwurst, beer salami, pork
            (8120, "½ cup (41 g)"), // Cereals, oats, regular and quick, not fortified, dry
            (8363, "¼ cup (16 g)"), // Cereals ready-to-eat, SUN COUNTRY, KRETSCHMER Toasted Wheat 
            (9040, "1 large (136 g)"), // Bananas, raw
            (9037, "¼ avocado, NS as to Florida or California (50 g)"), // Avocados, raw, all commercial varieties
            (9206, "1 cup (248 g)"), // Orange juice, raw
            (10023, "3 oz (85 g)"), // Pork, fresh, loin, whole, separable lean and fat, cooked, ro
            (10994, "½ slice (13 g)"), // Bacon, pre-sliced, reduced/low sodium, unprepared
            (11458, "½ cup (90 g)"), // Spinach, cooked, boiled, drained, without salt
            (11090, "1 cup chopped (91 g)"), // Broccoli, raw
            (11674, "½ potato medium (87 g)"), // Potatoes, baked, flesh and skin, without salt
            (11663, "5 g"), // Seaweed, agar, dried
            (12014, "1 oz (28 g)"), // Seeds, pumpkin and squash seed kernels, dried
            (12061, "1 oz (28 g)"), // Nuts, almonds
            (12078, "1 oz (28 g)"), // Nuts, brazilnuts, dried, unblanched
            (12012, "3 tbsp (30 g)"), // Seeds, hemp seed, hulled
            (13364, "3 oz (85 g)"), // Beef, composite of trimmed retail cuts, separable lean only,
            (13000, "½ steak (107 g)"), // Beef, grass-fed, strip steaks, lean only, raw
            (14209, "1 cup (237 g)"), // Beverages, coffee, brewed, prepared with tap water
            (14355, "1 cup (237 g)"), // Beverages, tea, black, brewed, prepared with tap water
            (14411, "1 serving 8 fl oz (237 g)"), // Beverages, water, tap, drinking
            (15237, "3 oz (85 g)"), // Fish, salmon, Atlantic, farmed, cooked, dry heat
            (15121, "3 oz (85 g)"), // Fish, tuna, light, canned in water, drained solids
            (16015, "½ cup (86 g)"), // Beans, black, mature seeds, cooked, boiled, without salt
            (16014, "35 g"), // Beans, black, mature seeds, raw
            (16398, "2 tbsp (32 g)"), // Peanut butter, smooth style, without salt
            (16426, "¼ block (81 g)"), // Tofu, raw, firm, prepared with calcium sulfate
            (17224, "4 oz (113 g)"), // Lamb, ground, raw
            (17004, "3 oz (85 g)"), // Lamb, domestic, composite of trimmed retail cuts, separable 
            (18069, "1 slice, large (30 g)"), // Bread, white, commercially prepared (includes soft bread cru
            (18075, "1 slice (32 g)"), // Bread, whole-wheat, commercially prepared
            (19165, "1 tbsp (5.4 g)"), // Cocoa, dry powder, unsweetened
            (19304, "1 serving 1 tbsp (20 g)"), // Molasses
            (19904, "1 oz (28 g)"), // Chocolate, dark, 70-85% cacao solids
            (19335, "2 tsp (8.4 g)"), // Sugars, granulated
            (20137, "¾ cup (139 g)"), // Quinoa, cooked
            (20060, "15 g"), // Rice bran, crude
            (21108, "1 sandwich (97 g)"), // Fast foods, hamburger; single, regular patty; with condiment
            (21026, "1 serving 14 round pieces (77 g)"), // Fast foods, potatoes, hash browns, round pieces or patty
            (22247, "½ serving (122 g)"), // Macaroni and Cheese, canned entree
            (22401, "½ serving (142 g)"), // Spaghetti with meat sauce, frozen entree
            (25000, "1 oz (28 g)"), // Snacks, popcorn, microwave, 94% fat free
            (8546, "2 bar (44 g)"), // Rice and Wheat cereal bar
            (35003, "85 g"), // Agutuk, meat-caribou (Alaskan ice cream) (Alaska Native)
            (35001, "140 g"), // Agutuk, fish/berry with seal oil (Alaskan ice cream) (Alaska
            (36019, "1 cup (136 g)"), // APPLEBEE'S, chili
            (36020, "¾ serving (169 g)"), // T.G.I. FRIDAY'S, chicken fingers
        ];
        let mut groups = std::collections::BTreeSet::new();
        for &(ndb, label) in cases {
            let (_, food) = db
                .by_ndb(NdbNo(ndb))
                .unwrap_or_else(|| panic!("no food {ndb}"));
            let code = db.group(food.group).unwrap().code;
            groups.insert(code);
            assert_eq!(
                portion_for(code, &food.description, &food.measures),
                food.portion,
                "{ndb}: the asset's portion is the rule's"
            );
            assert_eq!(food.portion_label(), label, "{ndb} {}", food.description);
        }
        assert_eq!(groups.len(), 25, "every SR28 group has a case: {groups:?}");
        assert!(cases.len() >= 40);
    }

    #[test]
    fn every_group_ends_with_a_catch_all_rule() {
        let groups: Vec<u16> = vec![
            100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400, 1500, 1600,
            1700, 1800, 1900, 2000, 2100, 2200, 2500, 3500, 3600,
        ];
        for group in groups {
            assert!(
                RULES.iter().any(|r| r.group == group && r.any.is_empty()),
                "group {group:04} has no catch-all rule"
            );
            assert!(rule_for(group, "Something unheard of").is_some());
        }
        assert!(rule_for(4200, "Anything").is_none());
    }

    #[test]
    fn words_match_whole_words_and_prefixes() {
        assert_eq!(normalise("Nuts, almonds"), " nuts almonds ");
        assert_eq!(normalise("Tea, herb, chamomile"), " tea herb chamomile ");
        // "tea " is a whole word, so steak is not tea.
        assert_eq!(
            rule_for(1400, "Beverages, steak sauce drink")
                .unwrap()
                .category,
            "Beverages, water, juices: 240 mL (one cup)"
        );
    }

    #[test]
    fn the_measure_closest_to_the_reference_amount_wins() {
        let cases: &[(Racc, &[Measure], Portion)] = &[
            // 1 oz beats ¼ cup (32 g), which is a fraction and further away.
            (
                g(30.0),
                &[m(1.0, "cup", 129.0), m(1.0, "oz", 28.35)],
                Portion {
                    measure: Some(1),
                    quantity: 1.0,
                },
            ),
            // Half a cup of cooked beans.
            (
                g(90.0),
                &[m(1.0, "cup", 172.0), m(1.0, "tbsp", 10.8)],
                Portion {
                    measure: Some(0),
                    quantity: 0.5,
                },
            ),
            // One slice is 70 % of the reference, allowed for a single unit
            // (two would be 140 %).
            (
                g(50.0),
                &[m(1.0, "slice", 35.0), m(1.0, "lb", 453.6)],
                Portion {
                    measure: Some(0),
                    quantity: 1.0,
                },
            ),
            // Nothing within 25 %: the reference grams themselves.
            (
                g(30.0),
                &[m(1.0, "cup", 220.0)],
                Portion {
                    measure: None,
                    quantity: 30.0,
                },
            ),
            (
                g(40.0),
                &[],
                Portion {
                    measure: None,
                    quantity: 40.0,
                },
            ),
            // A household reference takes the food's measure of that unit.
            (
                tbsp(2.0, 32.0),
                &[m(1.0, "cup", 258.0), m(1.0, "tbsp", 16.0)],
                Portion {
                    measure: Some(1),
                    quantity: 2.0,
                },
            ),
            // ... and falls back to grams without one.
            (
                cups(1.0, 240.0),
                &[m(1.0, "fl oz", 29.6), m(1.0, "bottle 8 fl oz", 240.0)],
                Portion {
                    measure: Some(1),
                    quantity: 1.0,
                },
            ),
        ];
        for (racc, measures, want) in cases {
            assert_eq!(
                choose_measure(*racc, measures, false),
                *want,
                "{racc:?} {measures:?}"
            );
        }
    }

    #[test]
    fn baked_goods_prefer_a_piece() {
        // Bread by the slice even when 2 oz is closer to 50 g.
        let bread = [m(2.0, "oz", 57.0), m(1.0, "slice", 32.0)];
        let slice = Portion {
            measure: Some(1),
            quantity: 1.0,
        };
        assert_eq!(choose_measure(g(50.0), &bread, true), slice);
        assert_ne!(choose_measure(g(50.0), &bread, false), slice);
    }

    #[test]
    fn cereals_follow_the_weight_of_a_cup() {
        for (cup, want) in [(14.0, 15.0), (30.0, 40.0), (55.0, 60.0)] {
            assert_eq!(cereal_grams(&[m(1.0, "cup", cup)]), want);
        }
        assert_eq!(cereal_grams(&[]), 40.0);
    }

    #[test]
    fn amounts_and_labels_read_as_people_write_them() {
        let cases = [
            (0.5, "½"),
            (0.25, "¼"),
            (1.0, "1"),
            (2.0, "2"),
            (1.5, "1½"),
            (0.333, "0.333"),
        ];
        for (amount, want) in cases {
            assert_eq!(amount_text(amount), want);
        }
        assert_eq!(grams_text(28.35), "28 g");
        assert_eq!(grams_text(2.1), "2.1 g");
        assert_eq!(short_description("oz (23 whole kernels)"), "oz");
        assert_eq!(short_description("cup, chopped"), "cup, chopped");
    }
}
