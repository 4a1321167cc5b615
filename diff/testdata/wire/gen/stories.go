package main

// The stories. Agency: Meridian Press (MP). National agency re-editing for
// its market: Nordpress. Content farm: Newsdigest Hub. Independent
// reporters of the same events: Northern Broadcaster, The Metro Times.

const (
	mp      = "Meridian Press"
	nord    = "Nordpress"
	farm    = "Newsdigest Hub"
	harbour = "Harbour Daily"
	valley  = "Valley Courier"
	east    = "Eastfield Post"
	river   = "Riverside Herald"
	capital = "Capital Ledger"
	coast   = "Coastline News"
	lake    = "Lakeside Gazette"
	north   = "Northern Broadcaster"
	metro   = "The Metro Times"
)

// background lists the pairs of different agency stories that share
// background paragraphs: related, never versions.
var background = [][2]string{{"s06", "s07"}, {"s20", "s21"}}

var droughtBackground = []string{
	"The region has had less than a third of its usual rainfall since October, the driest autumn and winter since national records began in 1891, according to the state weather service.",
	"Reservoirs that supply the capital and the southern farm belt stood at 41 percent of capacity at the end of February, against a ten-year average of 78 percent for the time of year.",
	"The government declared a water emergency in seven provinces in January, which allows it to cap irrigation, order hosepipe bans and fast-track permits for emergency wells.",
	"Farm groups have warned that wheat and barley yields could fall by as much as a quarter if the spring rains fail, which would force the country to import grain for the first time in a decade.",
	"Scientists at the National Climate Institute say droughts of this length have become roughly three times as likely as they were in the middle of the last century because of rising temperatures.",
}

var borderBackground = []string{
	"The two countries have disputed the 140-kilometer stretch of the upper Sava valley since the collapse of the federation in 1992, when the old administrative line was never formally surveyed.",
	"A ceasefire brokered by regional mediators in 2019 largely held until last spring, when both sides accused the other of moving troops and heavy weapons into the demilitarized strip.",
	"More than 30,000 people have left villages along the line since then, according to the United Nations refugee agency, many of them to relatives in the two capitals.",
	"Monitors from the regional security organization patrol the strip but have said repeatedly that they are denied access to about a third of it, mostly on the higher ground.",
	"Both governments say they want a negotiated settlement, but neither has accepted the mediators' draft map, which would hand each side villages the other currently controls.",
}

var stories = []story{
	{id: "s01", split: "dev", outlet: mp, date: "2026-03-04T10:49:00Z",
		title: "Port workers end three-week strike after pay deal",
		paras: []string{
			"LORVIK, March 4 (MP) - Dock workers at the port of Lorvik voted on Wednesday to end a three-week strike that had left more than 200 container ships waiting offshore, after the port authority offered a pay rise of 9 percent over two years.",
			"The union said 71 percent of its 4,300 members backed the deal in a ballot that closed at midnight. Cranes were expected to resume work with the first shift on Thursday morning.",
			"\"This is not everything we asked for, but it is a fair deal and it protects the night-shift allowance,\" said Anja Brekke, the union's chief negotiator. \"Our members can hold their heads high.\"",
			"The port authority said it would take at least ten days to clear the backlog of vessels, some of which had been diverted to rival terminals along the coast.",
			"Exporters of frozen fish and timber had been among the hardest hit. The national chamber of commerce estimated the cost of the stoppage at 40 million euros a week.",
			"The strike was the longest at Lorvik since 1987. Talks broke down twice, most recently over the port's plan to automate two of its six container berths.",
			"Under the agreement, the port will not cut jobs as a result of automation before 2030, and workers displaced by new equipment will be offered retraining on full pay.",
			"Transport Minister Harald Voss welcomed the vote and said the government would review how ports settle disputes. \"Nobody wins when the country's main gateway is shut for three weeks,\" he told reporters.",
		},
		copies: []edit{
			{practice: "reedit", outlet: nord, uk: true, title: "Lorvik dockers vote to end strike, accept 9 per cent rise",
				keep: []int{0, 1, 2, 3, 4, 6, 7},
				subs: [][]string{
					{"Dock workers at the port of Lorvik voted on Wednesday to end", "Lorvik's dock workers on Wednesday voted to end"},
					{" Cranes were expected to resume work with the first shift on Thursday morning.", ""},
					{"Exporters of frozen fish and timber had been among the hardest hit.", "Fish and timber exporters were hit hardest."},
					{"he told reporters", "he said"},
				}},
			{practice: "chrome", local: true, from: 1, outlet: coast, top: coastTop, bottom: coastBottom},
			{practice: "copy", outlet: harbour},
		}},

	{id: "s02", split: "dev", event: "e02", outlet: mp, date: "2026-07-18T08:15:00Z",
		title: "Thousands flee as wildfire spreads through hills above Castellet",
		paras: []string{
			"CASTELLET, July 18 (MP) - About 6,000 people were ordered to leave their homes overnight as a wildfire driven by strong winds swept through pine forests in the hills above the coastal town of Castellet, fire officials said on Saturday.",
			"More than 400 firefighters, backed by eight water-bombing aircraft, were battling the blaze, which had burned about 3,200 hectares by dawn.",
			"\"The wind changed direction twice during the night and the fire jumped the ridge road,\" regional fire chief Marta Soler told a news conference. \"Our priority is people, not property.\"",
			"No deaths had been reported, but three firefighters were treated in hospital for smoke inhalation and one resident suffered burns while trying to save his horses.",
			"Two campsites and a holiday village were evacuated, and the coastal highway was closed in both directions between Castellet and Riba.",
			"Temperatures in the region have exceeded 40 degrees Celsius for nine consecutive days, and forecasters expect no rain before the end of the month.",
			"Police said they had opened an investigation into the cause of the fire, which started near a picnic area shortly after 6 p.m. on Friday.",
		},
		copies: []edit{
			{practice: "truncation", local: true, outlet: valley, keep: []int{0, 1, 2}},
			{practice: "writethrough", outlet: mp, date: "2026-07-18T14:40:00Z",
				title: "Castellet wildfire: second town evacuated as flames reach vineyards",
				lede: []string{
					"CASTELLET, July 18 (MP) - Authorities ordered the evacuation of a second town, Riba, on Saturday afternoon as a wildfire that had already forced 6,000 people from their homes around Castellet spread into vineyards on the plain.",
					"The fire had burned more than 5,000 hectares by mid-afternoon, the regional government said, and a change in the wind was pushing it towards the main road to the border.",
				},
				keep: []int{2, 1, 3, 4, 5, 6},
				subs: [][]string{
					{"More than 400 firefighters, backed by eight water-bombing aircraft, were battling the blaze, which had burned about 3,200 hectares by dawn.", "More than 500 firefighters, backed by eleven water-bombing aircraft, were battling the blaze."},
				}},
			{practice: "reworded", outlet: farm, spin: true, title: "Wildfire forces thousands out of homes near Castellet",
				subs: [][]string{
					{"About 6,000 people were ordered to leave their homes overnight", "Around 6,000 residents had to abandon their houses during the night"},
					{"Our priority is people, not property.", "What matters first is lives, not buildings."},
				}},
		}},
	{id: "i02", split: "dev", event: "e02", outlet: north, date: "2026-07-18T09:30:00Z",
		title: "Night of fear in Castellet as fire tops the ridge",
		paras: []string{
			"Residents of Castellet described a night of sirens and smoke as a fast-moving fire crossed the ridge road above the town and forced thousands onto the coastal plain.",
			"Joan Puig, 64, left his house with his wife and their dog at two in the morning. \"You could see the glow behind the church tower. We took the photographs and the medicines and nothing else,\" he said outside a sports hall where the council had set up camp beds.",
			"At a news conference in the morning, the regional fire chief, Marta Soler, said crews had been caught out by the wind. \"The wind changed direction twice during the night and the fire jumped the ridge road,\" she said. \"Our priority is people, not property.\"",
			"Volunteers handed out water and sandwiches while nurses checked older evacuees for breathing problems. The council said about 900 people had spent the night in municipal buildings.",
			"The town's mayor, Pere Vidal, said the fire was the worst he had seen in thirty years and called for more money for forest clearing. \"We have been warning about the dry undergrowth since spring,\" he said.",
			"Forecasters said the heat would continue into next week.",
		}},

	{id: "s03", split: "dev", outlet: mp, date: "2026-05-06T12:00:00Z",
		title: "Central bank holds rates, signals cut later in year",
		paras: []string{
			"ASTRAVA, May 6 (MP) - The central bank kept its main interest rate unchanged at 3.75 percent on Wednesday, as expected, but said a cut was likely later in the year if inflation kept falling.",
			"Inflation eased to 2.9 percent in April from 3.4 percent in March, its lowest level in three years, helped by cheaper energy and food.",
			"\"The direction is right, but we want to see it confirmed over several months,\" Governor Ilse Marek told reporters after the meeting.",
		},
		copies: []edit{
			{practice: "brief-grown", local: true, outlet: harbour, subs: [][]string{{"The central bank kept its main interest rate unchanged at 3.75 percent on Wednesday, as expected, but said a cut was likely later in the year if inflation kept falling.", "Homeowners hoping for cheaper mortgages will have to wait a little longer: the central bank left its main rate at 3.75 percent on Wednesday, though it said a cut could come later in the year if inflation keeps falling."}},
				tail: []string{
					"For homeowners in the harbor district, where many mortgages are on variable rates, the decision means monthly payments will stay at their current level for at least another six weeks.",
					"Local estate agent Tomas Hedlund said buyers had been holding back since the winter. \"People are waiting for the first cut. The day it comes, the phones will start ringing again,\" he said.",
					"The harbor district's average house price fell 2 percent in the first quarter, according to figures from the land registry.",
				}},
			{practice: "brief-grown", local: true, outlet: east, subs: [][]string{{"Inflation eased to 2.9 percent in April from 3.4 percent in March, its lowest level in three years, helped by cheaper energy and food.", "Inflation fell to 2.9 percent in April, down from 3.4 percent, the lowest in three years."}},
				tail: []string{
					"Eastfield's small manufacturers have been among the loudest voices calling for cheaper credit. The regional business federation said on Wednesday that one in five of its members had postponed investment because of borrowing costs.",
					"\"We cannot wait until the autumn,\" said Greta Lind, who runs a furniture workshop employing 40 people on the edge of town. \"Our orders are down and the bank wants eight percent for a loan for new machines.\"",
					"The federation will present its own growth forecast for the region next week.",
					"Eastfield's unemployment rate rose to 6.1 percent in March, above the national average.",
				}},
			{practice: "brief-grown", local: true, outlet: capital, tail: []string{
				"Markets had fully priced in the hold. The currency edged up 0.2 percent against the euro after the announcement, and two-year bond yields fell slightly as traders bet on a cut in September.",
				"Economists at the Capital Savings Bank said the governor's remarks were the clearest signal yet that easing was coming. \"She has all but pre-announced a cut, provided the summer data cooperate,\" chief economist Pavel Ostrov wrote in a note to clients.",
			}},
		}},

	{id: "s04", split: "dev", outlet: mp, date: "2026-02-11T16:20:00Z",
		title: "Freight train derails near Velmar, spilling diesel into river",
		paras: []string{
			"VELMAR, Feb 11 (MP) - A freight train carrying fuel and grain derailed near the town of Velmar on Wednesday, sending 14 wagons down an embankment and spilling diesel into the Vel river, the national railway company said.",
			"The two drivers escaped with minor injuries. No passenger trains were involved, but the main line between the capital and the northern border was closed and was expected to stay shut until at least the weekend.",
			"Environmental officials said a slick about two kilometers long had formed downstream and that floating barriers had been put in place to stop it from reaching a nature reserve.",
			"\"We are pumping what we can, but the current is strong and the water is cold,\" said Ruben Dahl of the regional environment agency. \"The next 48 hours are decisive.\"",
			"Residents of three villages were told not to draw water from private wells near the river until tests had been completed.",
			"The railway company said the cause was not yet known. The line was renovated in 2021, but local councilors have complained for years about landslides on the embankment after heavy rain.",
			"Investigators from the national transport safety board arrived at the site in the afternoon.",
		},
		copies: []edit{
			{practice: "reedit", outlet: nord, uk: true, title: "Diesel leaks into river after freight train derails at Velmar",
				keep: []int{0, 1, 2, 3, 5},
				subs: [][]string{
					{"sending 14 wagons down an embankment and spilling diesel into the Vel river, the national railway company said", "the national railway company said, sending 14 wagons down an embankment and spilling diesel into the Vel river"},
					{"The two drivers escaped with minor injuries. ", "Both drivers suffered only minor injuries. "},
					{"\"The next 48 hours are decisive.\"", "\"The next two days are decisive.\""},
					{" The line was renovated in 2021, but local councilors have complained for years about landslides on the embankment after heavy rain.", " Local councilors have long complained of landslides on the embankment, which was renovated in 2021."},
				}},
			{practice: "chrome", local: true, outlet: river, top: riverTop, bottom: riverBottom},
			{practice: "truncation", local: true, outlet: lake, cutWords: 90},
			{practice: "reedit", outlet: "Baltic News Agency", uk: true, title: "Velmar derailment: 14 wagons leave track, diesel in river",
				keep: []int{0, 2, 3, 1, 4, 5},
				subs: [][]string{
					{"A freight train carrying fuel and grain derailed near the town of Velmar on Wednesday, sending 14 wagons down an embankment and spilling diesel into the Vel river, the national railway company said.", "Fourteen wagons of a freight train loaded with fuel and grain left the track near Velmar on Wednesday and rolled down an embankment, spilling diesel into the Vel river, according to the national railway company."},
					{"Environmental officials said a slick about two kilometers long had formed downstream and that floating barriers had been put in place to stop it from reaching a nature reserve.", "A slick some two kilometers long has formed downstream, environmental officials said, and floating barriers were laid to keep it away from a nature reserve."},
					{"\"We are pumping what we can, but the current is strong and the water is cold,\" said Ruben Dahl of the regional environment agency.", "\"We are pumping what we can, but the current is strong and the water is cold,\" Ruben Dahl of the regional environment agency told the agency."},
					{"The two drivers escaped with minor injuries. No passenger trains were involved, but the main line between the capital and the northern border was closed and was expected to stay shut until at least the weekend.", "Both drivers were slightly hurt. No passenger service was affected, but the main line from the capital to the northern border has been closed and should stay shut at least until the weekend."},
					{"Residents of three villages were told not to draw water from private wells near the river until tests had been completed.", "People in three villages have been told not to use private wells near the river until tests are done."},
					{"The railway company said the cause was not yet known.", "The cause is not yet known, the railway company said."},
				}},
		}},

	{id: "s05", split: "dev", event: "e05", outlet: mp, date: "2026-09-21T22:10:00Z",
		title: "Opposition wins regional vote in Sarnia in blow to government",
		paras: []string{
			"SARNIA, Sept 21 (MP) - The opposition Civic Alliance won Sunday's regional election in Sarnia with 38.2 percent of the vote, according to preliminary results, ending 16 years of rule by the governing People's Party in one of the country's most populous regions.",
			"The People's Party came second with 29.5 percent, down nearly ten points from the last election, while the nationalist Homeland Front took 14 percent, its best result in the region.",
			"Turnout was 61 percent, the electoral commission said.",
			"\"Sarnia has voted for change, and we will not waste a single day,\" Civic Alliance leader Dana Kovac told cheering supporters in the regional capital. \"Tomorrow we start talking to everyone who wants clean government.\"",
			"The Civic Alliance is expected to need a coalition partner to govern. Kovac has ruled out working with the Homeland Front.",
			"Prime Minister Lukas Brenner, whose party has governed nationally since 2018, conceded defeat and said the result was \"a clear message that we have heard\".",
			"The vote was seen as a test for Brenner before a general election due next spring.",
		},
		copies: []edit{
			{practice: "writethrough", outlet: mp, date: "2026-09-22T09:30:00Z",
				title: "Sarnia's new leader opens coalition talks after opposition win",
				lede: []string{
					"SARNIA, Sept 22 (MP) - Civic Alliance leader Dana Kovac began coalition talks with the centrist Liberal Union on Monday, a day after her party won the regional election in Sarnia and ended 16 years of rule by the governing People's Party.",
					"Final results published overnight confirmed the Alliance as the largest party with 38.4 percent of the vote. Together with the Liberal Union's 9 percent, it would have a narrow majority of two seats in the regional assembly.",
				},
				keep: []int{1, 2, 3, 4, 5, 6},
				subs: [][]string{
					{"told cheering supporters in the regional capital", "told cheering supporters on Sunday night"},
				}},
			{practice: "copy", outlet: capital},
		}},
	{id: "i05", split: "dev", event: "e05", outlet: metro, date: "2026-09-21T23:40:00Z",
		title: "Kovac's long march ends in victory",
		paras: []string{
			"When Dana Kovac took over the Civic Alliance four years ago, the party was polling at 11 percent in Sarnia and had not won a regional seat outside the capital.",
			"On Sunday night she stood on a stage in the old tram depot and promised to clean up a regional government that her supporters see as tired and captured by construction interests. \"Sarnia has voted for change, and we will not waste a single day,\" she said.",
			"The scale of the win surprised even her own campaign. Internal polls had the Alliance a few points ahead, not the nine points that the count suggested by midnight.",
			"Analysts pointed to the collapse of the People's Party in the suburbs, where rents have risen fastest. \"This was a housing election,\" said political scientist Mira Halvorsen of Sarnia University. \"The governing party had no answer on rents.\"",
			"Prime Minister Lukas Brenner called the result \"a clear message that we have heard\", but members of his own party were less restrained. One regional deputy, who asked not to be named, said the campaign had been \"a disaster from the first poster to the last debate\".",
			"Kovac has ruled out governing with the Homeland Front and is expected to turn to the Liberal Union.",
		}},

	{id: "s06", split: "dev", outlet: mp, date: "2026-03-12T09:00:00Z",
		title: "Farmers delay spring sowing as drought deepens",
		paras: append([]string{
			"TERVALA, March 12 (MP) - Farmers across the southern plains are delaying spring sowing by up to three weeks because the soil is too dry to plant, the national farmers' union said on Thursday, as the worst drought in more than a century tightened its grip.",
			"\"We have seed in the barn and nothing to put it in,\" said Oskar Lindqvist, who grows wheat and sunflowers on 300 hectares near Tervala. \"If it does not rain by April, I will plant less and pray.\"",
			"The union asked the government for emergency loans and a delay to land tax payments for farms that lose more than a third of their harvest.",
		}, append(droughtBackground, "The agriculture ministry said it would present a support package next week.")...),
		copies: []edit{
			{practice: "reedit", outlet: nord, uk: true, title: "Drought forces farmers to put off spring sowing",
				keep: []int{0, 1, 2, 3, 4, 5, 7, 8},
				subs: [][]string{
					{"the national farmers' union said on Thursday, as the worst drought in more than a century tightened its grip", "as the country's worst drought in over a century tightens its grip, the national farmers' union said on Thursday"},
					{" \"If it does not rain by April, I will plant less and pray.\"", ""},
				}},
		}},
	{id: "s07", split: "dev", outlet: mp, date: "2026-03-19T11:30:00Z",
		title: "Capital to ration tap water at night from April",
		paras: append([]string{
			"ASTRAVA, March 19 (MP) - The capital's water utility will cut the pressure in its network to a trickle between midnight and 5 a.m. from April 1, the first rationing in the city since 1976, the mayor's office said on Thursday.",
			"Mayor Vesna Holm said the measure would save about 12 percent of daily consumption and asked residents to keep a few bottles of water at home. Hospitals, care homes and fire stations will be exempt.",
			"\"I know this is an inconvenience. It is a far smaller inconvenience than empty reservoirs in August,\" Holm said.",
		}, append(droughtBackground, "The utility said it would review the measure every two weeks.")...),
		copies: []edit{
			{practice: "chrome", local: true, outlet: lake, top: lakeTop, bottom: lakeBottom},
		}},

	{id: "s08", split: "dev", outlet: mp, date: "2026-10-02T07:45:00Z",
		title: "Hospital nurses begin 48-hour strike over staffing",
		paras: []string{
			"ASTRAVA, Oct 2 (MP) - Nurses at public hospitals across the country began a 48-hour strike on Friday to demand more staff on wards, the second stoppage in a month, their union said.",
			"Emergency departments, intensive care and maternity wards will run with minimum staffing agreed with the health ministry, but thousands of planned operations and outpatient appointments have been postponed.",
			"Health Minister Jonas Ek called the strike \"regrettable\" and said talks would resume next week.",
		},
		copies: []edit{
			{practice: "brief-grown", local: true, outlet: valley, subs: [][]string{{"Nurses at public hospitals across the country began a 48-hour strike on Friday to demand more staff on wards, the second stoppage in a month, their union said.", "Nurses at Valley General joined colleagues across the country in a 48-hour strike on Friday, their second walkout in a month, to demand more staff on the wards."}},
				tail: []string{
					"At Valley General Hospital, about 60 nurses gathered at the main entrance at 7 a.m. with banners reading \"Safe staffing saves lives\".",
					"\"On a night shift I can have 14 patients on my own. That is not nursing, that is crowd control,\" said Sofia Berg, who has worked on the surgical ward for 11 years.",
					"The hospital said 85 operations had been moved to later dates and that patients would be contacted directly. The emergency department was open as normal.",
				}},
			{practice: "brief-grown", local: true, outlet: river, tail: []string{
				"In Riverside, the picket at St Anne's drew support from passing drivers, many of whom sounded their horns. Patients' groups said they backed the nurses despite the delays.",
				"The regional health board said it had hired 40 nurses since the summer but that 130 posts remained vacant.",
			}},
			{practice: "chrome", local: true, outlet: coast, top: coastTop, bottom: coastBottom},
		}},

	{id: "s09", split: "dev", event: "e09", outlet: mp, date: "2026-06-09T13:05:00Z",
		title: "Top court strikes down phone data law",
		paras: []string{
			"ASTRAVA, June 9 (MP) - The Constitutional Court on Tuesday struck down a law that required telephone companies to keep records of every call and text message for two years, ruling that it violated citizens' right to privacy.",
			"In a 7-2 decision, the judges said blanket retention of data on the entire population was disproportionate and that police access to the records lacked proper oversight by a judge.",
			"\"The state may not treat every citizen as a suspect,\" Chief Justice Karin Aalto wrote for the majority.",
			"The law, passed in 2022 with the support of the governing coalition, was challenged by a group of journalists, lawyers and a civil liberties organization.",
			"Interior Minister Erik Sand said the ruling would make it harder to solve serious crimes and that the government would draft a narrower law within six months.",
			"Telephone companies must delete the stored data within 90 days, the court said.",
		},
		copies: []edit{
			{practice: "reedit", outlet: nord, uk: true, title: "Constitutional Court scraps blanket phone data retention",
				keep: []int{0, 1, 2, 4, 5},
				subs: [][]string{
					{"struck down a law that required telephone companies to keep records of every call and text message for two years", "scrapped a law obliging telecoms operators to keep records of all calls and text messages for two years"},
					{"Interior Minister Erik Sand said the ruling would make it harder to solve serious crimes", "Interior Minister Erik Sand warned that the ruling would make serious crimes harder to solve"},
				}},
			{practice: "reworded", outlet: farm, spin: true, title: "Court scraps law on keeping phone records",
				subs: [][]string{
					{"In a 7-2 decision, the judges said", "By seven votes to two, the bench found that"},
					{"Telephone companies must delete the stored data within 90 days, the court said.", "The ruling gives phone operators 90 days to erase what they have kept."},
				}},
		}},
	{id: "i09", split: "dev", event: "e09", outlet: north, date: "2026-06-09T15:00:00Z",
		title: "Privacy campaigners celebrate as court rules on phone records",
		paras: []string{
			"Outside the Constitutional Court on Tuesday, the lawyers who brought the case against the phone data law hugged and posed for photographs with a banner reading \"Not a suspect\".",
			"\"We were told for four years that this case was hopeless,\" said Lena Moberg, a media lawyer who represented the journalists. \"Today seven judges agreed that a free country does not record everyone just in case.\"",
			"The court's majority, led by Chief Justice Karin Aalto, wrote that \"the state may not treat every citizen as a suspect\". Two judges dissented, arguing that parliament had struck a reasonable balance.",
			"Police unions reacted with dismay. Their chairman, Rolf Strand, said detectives relied on call records in almost every murder investigation.",
			"The interior ministry said it would respond with a new, narrower law. Minister Erik Sand did not take questions.",
		}},

	{id: "s10", split: "dev", outlet: mp, date: "2026-01-27T10:10:00Z",
		title: "Thieves take medieval gold from city museum in night raid",
		paras: []string{
			"BRENNBURG, Jan 27 (MP) - Thieves broke into the Brennburg city museum overnight and stole a collection of medieval gold jewelry valued at about 3 million euros, police said on Tuesday.",
			"The thieves entered through a skylight, disabled part of the alarm system and smashed two display cases in less than ten minutes, according to investigators, who believe the gang had studied the building in advance.",
			"Among the stolen objects is the Brennburg Brooch, a 13th-century gold and garnet piece discovered in a field outside the city in 1938 and regarded as one of the finest examples of its kind in Europe.",
			"\"These objects are priceless to us. Their value is in their history, not in the gold,\" museum director Helena Roth said, appealing to anyone offered the pieces to contact police.",
			"Police said a dark van had been seen near the museum at about 3 a.m. and asked witnesses to come forward.",
			"Experts fear the jewelry could be melted down, as has happened after several museum thefts in Europe in recent years.",
		},
		copies: []edit{
			{practice: "chrome", local: true, outlet: coast, top: coastTop, bottom: coastBottom},
			{practice: "truncation", local: true, outlet: east, keep: []int{0, 1}},
			{practice: "reedit", outlet: nord, uk: true, title: "Medieval gold worth 3 million stolen from Brennburg museum",
				keep: []int{0, 2, 1, 3, 4},
				subs: [][]string{
					{"Thieves broke into the Brennburg city museum overnight and stole a collection of medieval gold jewelry valued at about 3 million euros, police said on Tuesday.", "Medieval gold jewelry worth about 3 million euros was stolen from the Brennburg city museum overnight, police said on Tuesday."},
					{"according to investigators, who believe the gang had studied the building in advance", "investigators said. They believe the gang had studied the building beforehand"},
				}},
		}},

	{id: "s11", split: "dev", event: "e11", outlet: mp, date: "2026-08-30T04:20:00Z",
		title: "Strong earthquake shakes coastal region, buildings damaged",
		paras: []string{
			"ADRIA BAY, Aug 30 (MP) - A magnitude 6.4 earthquake struck off the coast of the Adria Bay region early on Sunday, damaging old buildings and cutting power to tens of thousands of homes, the national seismological service said.",
			"The quake hit at 3:12 a.m. at a depth of 18 kilometers, about 25 kilometers southwest of the port of Marin. It was followed by more than 30 aftershocks, the strongest of magnitude 4.9.",
			"Two people were killed when a wall collapsed in the old town of Marin, and at least 40 were injured, most of them lightly, the civil protection agency said.",
			"\"People ran into the streets in their pajamas. Many are still afraid to go back inside,\" Marin's deputy mayor Luca Bertin told local television.",
			"Rescue teams were checking schools and churches for structural damage. Schools in the region will stay closed on Monday.",
			"The area was last hit by a comparable earthquake in 1979, when more than 100 people died.",
		},
		copies: []edit{
			{practice: "reedit", outlet: nord, uk: true, title: "Two dead as 6.4 quake hits Adria Bay",
				keep: []int{0, 2, 1, 3, 5},
				subs: [][]string{
					{"damaging old buildings and cutting power to tens of thousands of homes", "killing two people, damaging old buildings and cutting power to tens of thousands of homes"},
					{"Two people were killed when a wall collapsed in the old town of Marin, and at least 40 were injured, most of them lightly, the civil protection agency said.", "The two victims died when a wall collapsed in Marin's old town. At least 40 people were injured, most of them lightly, according to the civil protection agency."},
					{" It was followed by more than 30 aftershocks, the strongest of magnitude 4.9.", ""},
				}},
			{practice: "writethrough", outlet: mp, date: "2026-08-30T11:05:00Z",
				title: "Adria Bay earthquake death toll rises to four",
				lede: []string{
					"ADRIA BAY, Aug 30 (MP) - The death toll from a magnitude 6.4 earthquake that struck the Adria Bay region early on Sunday rose to four after rescuers pulled two bodies from a collapsed farmhouse near Marin, the civil protection agency said.",
					"Prime Minister Lukas Brenner flew to the region and promised emergency funds. \"No family will be left alone with this,\" he said after visiting the old town.",
				},
				keep: []int{1, 3, 4, 5},
			},
		}},

	{id: "s12", split: "dev", outlet: mp, date: "2026-04-15T15:00:00Z",
		title: "Software maker Nordvik to cut 1,200 jobs",
		paras: []string{
			"ASTRAVA, April 15 (MP) - Software maker Nordvik will cut 1,200 jobs, about 15 percent of its workforce, as it shifts investment to artificial intelligence products and closes two offices, the company said on Wednesday.",
			"Chief executive Maria Falk said the cuts would save 90 million euros a year from 2027. Most of the jobs will go in sales and customer support.",
			"Shares in Nordvik rose 4 percent in early trading.",
		},
		copies: []edit{
			{practice: "brief-grown", local: true, outlet: east, subs: [][]string{{"Chief executive Maria Falk said the cuts would save 90 million euros a year from 2027. Most of the jobs will go in sales and customer support.", "Most of the jobs will go in sales and customer support, chief executive Maria Falk said."}},
				tail: []string{
					"Nordvik's Eastfield office, which opened in 2015 and employs 230 people, is one of the two sites to close. Staff were told at a meeting on Wednesday morning.",
					"\"We found out at the same time as the stock market,\" said one support engineer, who asked not to be named. \"Half of us have mortgages in this town.\"",
					"Eastfield's mayor, Nils Ahlgren, said he had asked the company for a meeting and would press it to keep at least part of the office open.",
				}},
			{practice: "brief-grown", local: true, outlet: capital, tail: []string{
				"Analysts broadly welcomed the restructuring. \"Nordvik has been carrying too many people for a company growing at 3 percent,\" said Henrik Moe of Capital Securities.",
				"The company also raised its profit margin target for 2027 to 24 percent from 20 percent and announced a share buyback of 200 million euros.",
			}},
			{practice: "chrome", local: true, outlet: river, top: riverTop, bottom: riverBottom},
			{practice: "reedit", outlet: nord, uk: true, title: "Nordvik to shed 1,200 jobs in shift to AI",
				subs: [][]string{
					{"as it shifts investment to artificial intelligence products and closes two offices", "as it closes two offices and moves investment into artificial intelligence products"},
					{"Shares in Nordvik rose 4 percent in early trading.", "Nordvik shares were up 4 percent in early trade."},
				}},
		}},

	{id: "s13", split: "dev", outlet: mp, date: "2026-07-05T17:30:00Z",
		title: "Kessler wins mountain stage to take race lead",
		paras: []string{
			"COL DU LOUP, July 5 (MP) - Ana Kessler attacked on the final climb to win the ninth stage of the Tour of the Alps on Sunday and take the overall lead from her teammate, who crashed on the descent before the last ascent.",
			"Kessler crossed the line 38 seconds ahead of defending champion Ruth Halle after a 14-kilometer climb in heavy rain. She leads the general classification by 52 seconds with five stages left.",
			"\"I did not want to win the jersey like this. My first thought at the finish was for Lotte,\" Kessler said of teammate Lotte Brink, who was taken to hospital with a suspected broken collarbone.",
			"Brink had led the race since the opening time trial. Team doctors said she would have surgery on Monday and miss the rest of the season.",
			"Monday is a rest day. The race resumes on Tuesday with a flat stage to Grenz.",
		},
		copies: []edit{
			{practice: "reedit", outlet: nord, uk: true, title: "Kessler takes yellow with solo win on Col du Loup",
				subs: [][]string{
					{"Ana Kessler attacked on the final climb to win", "Ana Kessler won"},
					{"on Sunday and take the overall lead from her teammate, who crashed on the descent before the last ascent", "on Sunday with an attack on the final climb, taking the overall lead from her crashed teammate"},
					{"Monday is a rest day. The race resumes on Tuesday with a flat stage to Grenz.", "After Monday's rest day, the race continues on Tuesday with a flat stage to Grenz."},
				}},
			{practice: "copy", outlet: valley},
			{practice: "reedit", outlet: "Baltic News Agency", uk: true, title: "Cycling: Kessler seizes lead as Brink crashes out",
				subs: [][]string{
					{"Ana Kessler attacked on the final climb to win the ninth stage of the Tour of the Alps on Sunday and take the overall lead from her teammate, who crashed on the descent before the last ascent.", "Ana Kessler took the overall lead of the Tour of the Alps on Sunday, winning the ninth stage with an attack on the last climb after her teammate and race leader crashed on the descent before it."},
					{"Kessler crossed the line 38 seconds ahead of defending champion Ruth Halle after a 14-kilometer climb in heavy rain. She leads the general classification by 52 seconds with five stages left.", "In heavy rain, Kessler finished the 14-kilometer climb 38 seconds clear of defending champion Ruth Halle and now leads the general classification by 52 seconds, with five stages to go."},
					{"Brink had led the race since the opening time trial. Team doctors said she would have surgery on Monday and miss the rest of the season.", "Brink, in the lead since the opening time trial, will have surgery on Monday and miss the rest of the season, team doctors said."},
				}},
		}},

	// ---- test split ----

	{id: "s14", split: "test", event: "e14", outlet: mp, date: "2026-11-03T19:05:00Z",
		title: "Ferry runs aground off Skarholm, 312 passengers evacuated",
		paras: []string{
			"SKARHOLM, Nov 3 (MP) - A passenger ferry with 312 people on board ran aground in fog off the island of Skarholm on Tuesday evening, and all passengers were taken off safely by lifeboats and fishing vessels, the coast guard said.",
			"The ferry, the Nordlys, was on its regular route from the mainland port of Hella when it struck rocks about 400 meters from the island's harbor shortly after 5 p.m.",
			"\"The captain reported a loud noise and a list to port. Within an hour every passenger was on land,\" coast guard spokesman Anders Vik said.",
			"Eleven people were treated for hypothermia and minor injuries. The 23 crew members stayed on board to pump water from a damaged compartment.",
			"The ferry operator, Island Lines, said it had cancelled all sailings to Skarholm until further notice and would bring passengers home by charter boats.",
			"The maritime accident board has opened an investigation. Visibility in the strait was less than 100 meters at the time, according to the weather service.",
		},
		copies: []edit{
			{practice: "reedit", outlet: nord, uk: true, title: "312 rescued after ferry hits rocks in fog off Skarholm",
				keep: []int{0, 1, 2, 3, 5},
				subs: [][]string{
					{"and all passengers were taken off safely by lifeboats and fishing vessels, the coast guard said", "the coast guard said, adding that lifeboats and fishing vessels had brought all passengers safely ashore"},
					{"when it struck rocks about 400 meters from the island's harbor shortly after 5 p.m.", "when it hit rocks shortly after 5 p.m., about 400 meters from Skarholm harbor."},
					{"Eleven people were treated for hypothermia and minor injuries.", "Eleven people needed treatment for hypothermia or minor injuries."},
				}},
			{practice: "chrome", local: true, from: 1, outlet: lake, top: lakeTop, bottom: lakeBottom},
			{practice: "reworded", outlet: farm, spin: true, title: "Ferry hits rocks in fog; everyone rescued",
				subs: [][]string{
					{"ran aground in fog off the island of Skarholm on Tuesday evening", "struck rocks in thick fog near Skarholm island late on Tuesday"},
					{"Within an hour every passenger was on land,", "In under sixty minutes all the passengers were ashore,"},
				}},
		}},
	{id: "i14a", split: "test", event: "e14", outlet: north, date: "2026-11-03T21:00:00Z",
		title: "Fishermen first on the scene as Nordlys hits rocks",
		paras: []string{
			"The first boats to reach the stricken Nordlys on Tuesday were not lifeboats but three fishing boats from Skarholm harbor, whose crews heard the ferry's horn through the fog.",
			"\"We could not see her until we were fifty meters away. Then there she was, leaning over, with people in orange jackets along the rail,\" said Per Holm, 58, who took 40 passengers ashore in two trips.",
			"The coast guard praised the islanders. \"The captain reported a loud noise and a list to port. Within an hour every passenger was on land,\" said spokesman Anders Vik, who added that the fishermen had saved valuable time.",
			"In the island's school gym, volunteers handed out blankets and soup. A doctor from the mainland arrived by helicopter to examine those who had been in the water.",
			"Island Lines, which runs the route, said it was cooperating with investigators.",
		}},
	{id: "i14b", split: "test", event: "e14", outlet: metro, date: "2026-11-03T22:15:00Z",
		title: "Questions over radar as island ferry grounds",
		paras: []string{
			"The grounding of the Skarholm ferry on Tuesday has renewed questions about the age of the vessels that serve the country's island routes, several of which were built in the 1980s.",
			"The Nordlys, built in 1986, was due to be replaced in 2024, but the transport ministry postponed the tender for new ferries twice because of budget cuts.",
			"A former captain on the route, who spoke on condition of anonymity, said the ship's radar had failed at least once last winter. Island Lines said all navigation equipment had passed its annual inspection in August.",
			"Coast guard spokesman Anders Vik said it was too early to say why the ship had left its course. \"Within an hour every passenger was on land,\" he said. \"That is what matters tonight.\"",
			"The opposition said it would call the transport minister to explain the delays to parliament.",
		}},

	{id: "s15", split: "test", outlet: mp, date: "2026-03-30T10:30:00Z",
		title: "Oil prices jump after pipeline outage",
		paras: []string{
			"LONDON, March 30 (MP) - Oil prices rose more than 4 percent on Monday after a fire shut a major export pipeline, removing about 600,000 barrels a day from the market.",
			"Brent crude futures rose to 91.40 dollars a barrel, their highest level since October. The pipeline operator said repairs could take two weeks.",
			"\"The market had very little spare cushion, and this takes it away,\" said Claire Dubois, an analyst at Helvetia Bank.",
		},
		copies: []edit{
			{practice: "brief-grown", local: true, outlet: harbour, subs: [][]string{{"Oil prices rose more than 4 percent on Monday after a fire shut a major export pipeline, removing about 600,000 barrels a day from the market.", "A pipeline fire sent oil prices up by more than 4 percent on Monday, taking some 600,000 barrels a day off the market."}},
				tail: []string{
					"At the pumps in Harbour City, drivers are likely to feel the jump within days. The motorists' association said petrol could rise by five to eight cents a liter by the end of the week.",
					"Fishing boat owners, who already complain about fuel costs, said the rise would hit them hard. \"Diesel is our biggest bill after wages,\" said Kari Nygaard of the harbor fishermen's cooperative.",
				}},
			{practice: "brief-grown", local: true, outlet: capital, subs: [][]string{{"Brent crude futures rose to 91.40 dollars a barrel, their highest level since October.", "Brent crude climbed to $91.40 a barrel, a level last seen in October."}},
				tail: []string{
					"Energy shares led the stock exchange higher, with Astrava Oil up 6 percent, while airline shares fell.",
					"The finance ministry said it had no plans to cut fuel duty. \"We will not repeat the mistakes of 2022,\" a spokesman said, referring to a tax cut that cost the budget 2 billion euros.",
					"Economists said a sustained rise could add 0.3 percentage points to inflation, complicating the central bank's plans to cut interest rates.",
				}},
			{practice: "brief-grown", local: true, outlet: valley, tail: []string{
				"Valley farmers, who are preparing for spring work, said higher diesel prices would add to the pressure from the drought. Several told the Courier they had filled their tanks over the weekend in expectation of a rise.",
			}},
		}},

	{id: "s16", split: "test", outlet: mp, date: "2026-05-19T08:00:00Z",
		title: "Health minister under pressure over vaccine contract",
		paras: []string{
			"ASTRAVA, May 19 (MP) - Health Minister Jonas Ek faced calls to resign on Tuesday after a newspaper reported that a company owned by his brother-in-law won a 40 million euro contract to store vaccines without a tender.",
			"The Daily Courant said the contract was signed in 2024 under emergency rules and renewed twice without competition. The company, Polar Logistics, had no previous experience in medical storage, the newspaper said.",
			"Ek said he had declared the family connection to the ministry's ethics officer and had played no part in the decision. \"I have nothing to hide and I will answer every question,\" he told reporters.",
			"Opposition parties demanded an urgent debate in parliament, and the anti-corruption office said it was examining the reports.",
			"Prime Minister Lukas Brenner said he had full confidence in Ek but wanted \"complete clarity\" on the contract by the end of the week.",
			"Polar Logistics did not respond to requests for comment.",
		},
		copies: []edit{
			{practice: "writethrough", outlet: mp, date: "2026-05-19T16:45:00Z",
				title: "Anti-corruption office opens inquiry into health minister's vaccine contract",
				lede: []string{
					"ASTRAVA, May 19 (MP) - The anti-corruption office opened a formal inquiry on Tuesday into a 40 million euro vaccine storage contract awarded without a tender to a company owned by the brother-in-law of Health Minister Jonas Ek.",
					"The office said it had asked the health ministry for all documents relating to the contract and would interview officials next week. Ek has denied any wrongdoing.",
				},
				keep: []int{1, 2, 4, 5},
			},
			{practice: "writethrough", outlet: mp, date: "2026-05-20T07:30:00Z",
				title: "Health minister Ek resigns over vaccine contract",
				lede: []string{
					"ASTRAVA, May 20 (MP) - Health Minister Jonas Ek resigned on Wednesday, a day after the anti-corruption office opened an inquiry into a 40 million euro vaccine storage contract awarded without a tender to his brother-in-law's company.",
					"\"I am stepping down so that the inquiry can work without any doubt about its independence,\" Ek said in a statement. He repeated that he had done nothing wrong.",
				},
				keep: []int{1, 2, 4, 5},
				subs: [][]string{
					{"Prime Minister Lukas Brenner said he had full confidence in Ek but wanted \"complete clarity\" on the contract by the end of the week.", "Prime Minister Lukas Brenner, who had said on Tuesday that he had full confidence in Ek, accepted the resignation and named Deputy Minister Saga Lund as interim minister."},
				}},
		}},

	{id: "s17", split: "test", event: "e17", outlet: mp, date: "2026-10-14T18:00:00Z",
		title: "Tens of thousands march against pension reform",
		paras: []string{
			"ASTRAVA, Oct 14 (MP) - Tens of thousands of people marched through the capital on Wednesday against a government plan to raise the retirement age to 67 from 65, in the largest protest the city has seen in a decade.",
			"Police put the crowd at 45,000; the unions that organized the march said 120,000 took part. Similar protests were held in eight other cities.",
			"\"We have worked all our lives and they want two more years for free,\" said Marta Nilsen, a 59-year-old cleaner who marched with her colleagues from the university hospital.",
			"The march was largely peaceful, but police used tear gas against a small group that threw bottles near the parliament building. Nine people were arrested.",
			"Labor Minister Petra Aune said the reform was needed to keep the pension system solvent as the population ages. \"Doing nothing is not an option,\" she said.",
			"Parliament is due to vote on the bill next month. The unions have threatened a general strike if it passes.",
		},
		copies: []edit{
			{practice: "reedit", outlet: nord, uk: true, title: "Huge crowds march in capital against higher retirement age",
				keep: []int{0, 1, 3, 4, 5},
				subs: [][]string{
					{"in the largest protest the city has seen in a decade", "the biggest protest in the city for ten years"},
					{"Police put the crowd at 45,000; the unions that organized the march said 120,000 took part.", "Police estimated the crowd at 45,000, while the organizing unions put it at 120,000."},
					{"Nine people were arrested.", "Police made nine arrests."},
				}},
			{practice: "truncation", local: true, outlet: river, keep: []int{0, 1, 2}, cutWords: 70},
		}},
	{id: "i17", split: "test", event: "e17", outlet: metro, date: "2026-10-14T20:30:00Z",
		title: "On the march: the cleaners, drivers and teachers who say two more years is too many",
		paras: []string{
			"They came by bus from the ports and by train from the mining towns, and by the time the front of the march reached the parliament, its tail had not yet left the central station.",
			"Marta Nilsen, 59, has cleaned wards at the university hospital for 31 years. \"We have worked all our lives and they want two more years for free,\" she said, holding a placard with a photograph of her mother, who worked until 66.",
			"Bus driver Aron Falk, 61, said his back would not last until 67. \"Ask the minister to drive the night route for a week,\" he said.",
			"Labor Minister Petra Aune has said repeatedly that \"doing nothing is not an option\" for the pension system. Few on the march agreed that the retirement age was the place to start.",
			"Near the parliament, a small group threw bottles at police, who answered with tear gas. Most marchers had already left.",
		}},

	{id: "s18", split: "test", outlet: mp, date: "2026-12-01T12:15:00Z",
		title: "Regulator approves first nasal vaccine against flu for children",
		paras: []string{
			"ASTRAVA, Dec 1 (MP) - The national medicines agency on Tuesday approved a nasal spray vaccine against influenza for children aged two to 17, the first needle-free flu vaccine authorized in the country.",
			"The agency said trials in 9,000 children showed the spray was about as effective as the injected vaccine and caused fewer side effects, mainly a runny nose.",
			"\"For many parents the needle is the reason they skip the flu jab. This removes that reason,\" said Dr. Eva Sund, the agency's head of vaccines.",
			"The health ministry said the spray would be offered free in schools from next autumn. About 40 percent of children were vaccinated against flu last winter.",
			"The vaccine is made by Helix Biologics, which said it could deliver 1.5 million doses a year from its plant in Varna.",
		},
		copies: []edit{
			{practice: "chrome", local: true, outlet: coast, top: coastTop, bottom: coastBottom},
			{practice: "chrome", local: true, outlet: river, top: riverTop, bottom: riverBottom},
			{practice: "copy", outlet: east},
			{practice: "reedit", outlet: nord, uk: true, title: "Needle-free flu vaccine for children approved",
				keep: []int{0, 1, 2, 3},
				subs: [][]string{
					{"approved a nasal spray vaccine against influenza for children aged two to 17", "gave the go-ahead for a nasal spray flu vaccine for children aged two to 17"},
					{"About 40 percent of children were vaccinated against flu last winter.", "Last winter about 40 percent of children had a flu vaccination."},
				}},
		}},

	{id: "s19", split: "test", outlet: mp, date: "2026-09-07T06:50:00Z",
		title: "Road bridge partly collapses, no injuries reported",
		paras: []string{
			"HALDEN, Sept 7 (MP) - A section of a road bridge over the Halden river collapsed early on Monday, shortly after police had closed it because of a crack spotted by a bus driver, local authorities said. Nobody was injured.",
			"A 30-meter span of the four-lane bridge fell into the river at about 5:40 a.m. The bridge, built in 1968, carries about 25,000 vehicles a day.",
			"\"The driver's call saved lives,\" said Halden police chief Ingrid Tveit.",
		},
		copies: []edit{
			{practice: "brief-grown", local: true, outlet: valley, subs: [][]string{{"\"The driver's call saved lives,\" said Halden police chief Ingrid Tveit.", "Police chief Ingrid Tveit credited the bus driver: \"The driver's call saved lives.\""}},
				tail: []string{
					"The bus driver, who works for Valley Transit, told the Courier he had felt the road \"drop a few centimeters\" as he crossed at 5:15 a.m. and stopped on the far side to call the police.",
					"Commuters faced long delays on Monday morning as traffic was diverted over the old town bridge, which has only two lanes. The council advised people to work from home if they could.",
					"An inspection report from 2023, seen by the Courier, rated the bridge's condition as \"poor\" and recommended repairs to the bearings within three years.",
				}},
			{practice: "brief-grown", local: true, outlet: lake, tail: []string{
				"Traffic to the lake district from the south was diverted through Moss, adding up to 40 minutes to journeys. The Gazette's readers reported queues several kilometers long on the old coast road.",
				"The transport ministry said it would inspect all road bridges of the same design, of which there are eleven in the country.",
			}},
			{practice: "reedit", outlet: nord, uk: true, title: "Halden bridge span falls into river after driver raises alarm",
				subs: [][]string{
					{"A section of a road bridge over the Halden river collapsed early on Monday, shortly after police had closed it because of a crack spotted by a bus driver, local authorities said.", "Part of a road bridge over the Halden river collapsed early on Monday, minutes after police closed it when a bus driver reported a crack, local authorities said."},
					{"carries about 25,000 vehicles a day", "is used by some 25,000 vehicles daily"},
				}},
		}},

	{id: "s20", split: "test", outlet: mp, date: "2026-04-08T14:00:00Z",
		title: "Sava valley talks to resume in Geneva next month",
		paras: append([]string{
			"GENEVA, April 8 (MP) - Negotiators from the two countries disputing the upper Sava valley will meet in Geneva on May 12 for their first direct talks in more than a year, regional mediators said on Wednesday.",
			"The mediators said both delegations had agreed to discuss an exchange of prisoners and the reopening of two border crossings before turning to the question of the boundary itself.",
			"\"Nobody expects a map to be signed in May. But people on both sides need the crossings open to see their families,\" chief mediator Tomas Urban said.",
		}, append(borderBackground, "The foreign ministries of both countries confirmed the meeting.")...),
		copies: []edit{
			{practice: "reedit", outlet: nord, uk: true, title: "Sava valley foes to meet for direct talks in Geneva",
				keep: []int{0, 1, 2, 3, 5, 7, 8},
				subs: [][]string{
					{"will meet in Geneva on May 12 for their first direct talks in more than a year", "will hold their first direct talks for more than a year in Geneva on May 12"},
					{"\"Nobody expects a map to be signed in May.", "\"Nobody expects a map to be signed next month."},
				}},
		}},
	{id: "s21", split: "test", outlet: mp, date: "2026-04-21T07:20:00Z",
		title: "Shelling kills two in Sava valley village",
		paras: append([]string{
			"DRENOVO, April 21 (MP) - Two civilians were killed and four wounded when shells hit the village of Drenovo in the disputed upper Sava valley overnight, local officials said on Tuesday, three weeks before the two sides are due to resume talks.",
			"Each side blamed the other for the attack. The village's only school was damaged, and about 200 residents spent the night in cellars.",
			"\"We heard the first shell at 1 a.m., then five more. There is no army here, only old people and chickens,\" said Milan Petrov, 72, whose neighbor was among the dead.",
		}, append(borderBackground, "The mediators called for restraint and said their monitors would visit Drenovo on Wednesday.")...),
		copies: []edit{
			{practice: "truncation", local: true, outlet: harbour, keep: []int{0, 1, 2, 3}},
		}},

	{id: "s22", split: "test", event: "e22", outlet: mp, date: "2026-06-30T09:40:00Z",
		title: "Budget airline SkyLark files for bankruptcy, flights grounded",
		paras: []string{
			"ASTRAVA, June 30 (MP) - Budget airline SkyLark filed for bankruptcy on Tuesday and grounded all its flights with immediate effect, leaving an estimated 35,000 passengers stranded abroad at the start of the summer holidays.",
			"The airline, which flew 4 million passengers last year to 60 destinations, said talks with a potential investor had collapsed overnight. Its 1,100 employees were told by email not to come to work.",
			"\"This is a dark day for our staff and our customers, and I am deeply sorry,\" chief executive Kjell Ravn said in a statement.",
			"The transport ministry said it was working with other airlines and tour operators to bring travelers home. Passengers who booked package holidays are protected by law; those who bought flights only will have to claim from the bankruptcy estate.",
			"SkyLark had struggled with higher fuel costs and the delayed delivery of new aircraft. It reported a loss of 80 million euros last year.",
			"The airport operator said SkyLark owed it 12 million euros in unpaid fees.",
		},
		copies: []edit{
			{practice: "writethrough", outlet: mp, date: "2026-06-30T17:10:00Z",
				title: "Government charters planes to bring home SkyLark passengers",
				lede: []string{
					"ASTRAVA, June 30 (MP) - The government chartered 20 aircraft on Tuesday to fly home tens of thousands of passengers stranded by the collapse of budget airline SkyLark, in the largest repatriation operation in the country's history.",
					"The first two flights were due to leave Malaga and Rhodes on Tuesday evening. Transport Minister Harald Voss said the operation would cost up to 25 million euros and that the state would try to recover the money from the bankruptcy estate.",
				},
				keep: []int{0, 1, 2, 4, 5},
				subs: [][]string{
					{"Budget airline SkyLark filed for bankruptcy on Tuesday and grounded all its flights with immediate effect, leaving an estimated 35,000 passengers stranded abroad at the start of the summer holidays.", "SkyLark filed for bankruptcy on Tuesday morning and grounded all its flights with immediate effect, leaving an estimated 35,000 passengers stranded abroad at the start of the summer holidays."},
				}},
			{practice: "reworded", outlet: farm, spin: true, title: "SkyLark airline goes bust, thousands stuck abroad",
				subs: [][]string{
					{"grounded all its flights with immediate effect", "halted every flight at once"},
					{"I am deeply sorry", "I apologize profoundly"},
				}},
			{practice: "chrome", local: true, outlet: lake, top: lakeTop, bottom: lakeBottom},
		}},

	{id: "i11", split: "dev", event: "e11", outlet: metro, date: "2026-08-30T09:00:00Z",
		title: "In Marin, a town counts its cracks",
		paras: []string{
			"By mid-morning on Sunday the square in front of Marin's cathedral had become a campsite, with mattresses on the cobbles and children asleep in cars.",
			"Many residents had not been back inside since the earthquake woke them at 3:12 a.m. \"People ran into the streets in their pajamas. Many are still afraid to go back inside,\" deputy mayor Luca Bertin said, repeating what he had told local television hours earlier.",
			"Engineers in hard hats walked the narrow streets of the old town, marking doors with green, yellow or red chalk. Red means nobody may enter.",
			"The wall that killed two people belonged to a former convent that had been empty for years. Neighbours said they had complained about loose stones since the spring.",
			"Seismologists warned that aftershocks could continue for weeks.",
		}},
	{id: "i22", split: "test", event: "e22", outlet: north, date: "2026-06-30T12:30:00Z",
		title: "Stranded at the gate: SkyLark passengers wait for a way home",
		paras: []string{
			"At the SkyLark check-in desks in Astrava airport on Tuesday morning, the screens still showed the day's flights, but nobody was behind the counters.",
			"Liv and Ove Berg had saved for two years for a week in Crete with their grandchildren. \"We heard it on the radio in the taxi. The driver turned around and brought us home,\" Liv Berg said.",
			"Abroad, the picture was worse. Passengers in Malaga and Rhodes said hotel staff had told them to leave their rooms because SkyLark's tour partner had not paid.",
			"In a statement, chief executive Kjell Ravn said: \"This is a dark day for our staff and our customers, and I am deeply sorry.\" Staff at the airport said they had learned of the bankruptcy from an email sent at 5 a.m.",
			"Consumer groups advised passengers who paid by credit card to ask their bank for a refund.",
		}},

	{id: "s23", split: "test", outlet: mp, date: "2026-08-12T13:30:00Z",
		title: "Heat record broken as temperatures hit 43.1 degrees",
		paras: []string{
			"VARNA, Aug 12 (MP) - The temperature in the southern city of Varna reached 43.1 degrees Celsius on Wednesday, the highest ever recorded in the country, the state weather service said.",
			"The previous record of 42.3 degrees was set in the same region in 2007. Forecasters said the heatwave would last at least until Sunday.",
			"Hospitals in the south reported a rise in admissions of elderly people with dehydration and heat exhaustion, and several cities opened air-conditioned public buildings as cooling centers overnight.",
			"\"Check on your neighbors, especially if they live alone. Heat kills quietly,\" Health Minister Saga Lund said.",
			"The railway company cut speeds on some lines because of the risk of tracks buckling, and outdoor work on building sites was banned between noon and 4 p.m. in four provinces.",
			"Climate scientists said the record was consistent with the warming trend. Seven of the country's ten hottest summers have occurred since 2010.",
		},
		copies: []edit{
			{practice: "reedit", outlet: nord, uk: true, title: "Varna sets national heat record at 43.1C",
				keep: []int{0, 1, 2, 3, 5},
				subs: [][]string{
					{"the highest ever recorded in the country", "the highest temperature on record in the country"},
					{"and several cities opened air-conditioned public buildings as cooling centers overnight", "while several cities kept air-conditioned public buildings open overnight as cooling centers"},
					{"Seven of the country's ten hottest summers have occurred since 2010.", "Seven of the ten hottest summers on record have come since 2010."},
				}},
			{practice: "truncation", local: true, outlet: capital, keep: []int{0, 1}},
			{practice: "chrome", local: true, outlet: river, top: riverTop, bottom: riverBottom},
		}},

	{id: "s24", split: "test", event: "e24", outlet: mp, date: "2026-10-22T16:00:00Z",
		title: "Nordic leaders agree joint plan to protect undersea cables",
		paras: []string{
			"HELLA, Oct 22 (MP) - Leaders of five northern countries agreed on Thursday to pool naval patrols and share intelligence to protect undersea data cables and gas pipelines, after a series of unexplained outages in the Baltic last year.",
			"Under the plan, each country will assign at least two vessels to a joint patrol force from January and set up a common center in Hella to monitor shipping traffic near critical infrastructure.",
			"\"An attack on a cable in one of our waters is an attack on the economy of all of us,\" Prime Minister Lukas Brenner said at the end of the summit.",
			"The leaders also agreed to spend 500 million euros over five years on repair ships and spare cable, so that damaged links can be restored within days rather than weeks.",
			"Investigations into last year's outages have not identified those responsible. Several ships were boarded and searched, but no charges were brought.",
		},
		copies: []edit{
			{practice: "copy", outlet: harbour},
			{practice: "reedit", outlet: nord, uk: true, title: "Five nations to pool patrols to guard undersea cables",
				keep: []int{0, 1, 2, 3},
				subs: [][]string{
					{"agreed on Thursday to pool naval patrols and share intelligence", "agreed on Thursday to share intelligence and pool naval patrols"},
					{"so that damaged links can be restored within days rather than weeks", "so damaged links can be fixed in days rather than weeks"},
				}},
		}},
	{id: "i24", split: "test", event: "e24", outlet: north, date: "2026-10-22T18:20:00Z",
		title: "Summit in Hella: a navy for the seabed",
		paras: []string{
			"The harbor of Hella was closed to pleasure boats on Thursday as five prime ministers met in the old customs house to talk about what lies on the seabed beneath them.",
			"The result was a joint patrol force and a monitoring center in the town, which local officials hope will bring 150 jobs. \"An attack on a cable in one of our waters is an attack on the economy of all of us,\" Prime Minister Lukas Brenner said as he left.",
			"Naval experts welcomed the plan but questioned whether two ships per country would be enough to watch thousands of kilometers of cable. \"You cannot guard a line that long. You can only make it riskier to cut,\" said retired rear admiral Jon Eide.",
			"Fishermen in Hella were less enthusiastic. Several said they feared new exclusion zones around the cables would close some of their best grounds.",
			"The leaders will meet again in the spring.",
		}},

	{id: "s25", split: "test", outlet: mp, date: "2026-02-24T11:00:00Z",
		title: "First national satellite reaches orbit",
		paras: []string{
			"KIRUNA, Feb 24 (MP) - The country's first home-built satellite reached orbit on Tuesday after launching on a commercial rocket from northern Sweden, the national space agency said.",
			"The 90-kilogram satellite, Polaris-1, will photograph sea ice and forests and measure soil moisture for farmers. It was built by a team of 60 engineers at the technical university in Brennburg.",
			"\"Ten years ago this was a student project on a kitchen table. Today it is circling the Earth,\" project leader Ingrid Solberg said after the first signal was received at 12:47.",
			"The satellite cost 38 million euros, most of it from the European Space Agency's program for small member states.",
			"Its images will be freely available to researchers from the summer. A second satellite is planned for 2028.",
		},
		copies: []edit{
			{practice: "chrome", local: true, outlet: coast, top: coastTop, bottom: coastBottom},
			{practice: "truncation", local: true, outlet: valley, cutWords: 60},
			{practice: "reworded", outlet: farm, spin: true, title: "Home-built satellite circles Earth",
				subs: [][]string{
					{"reached orbit on Tuesday after launching on a commercial rocket from northern Sweden", "made it into orbit on Tuesday, carried aloft by a commercial rocket from Sweden's far north"},
					{"Ten years ago this was a student project on a kitchen table. Today it is circling the Earth,", "A decade ago it was a students' idea on a kitchen table; now it orbits the planet,"},
				}},
			{practice: "copy", outlet: harbour},
		}},

	{id: "s26", split: "test", outlet: mp, date: "2026-01-14T20:30:00Z",
		title: "Rescuers reach trapped miners after 30 hours",
		paras: []string{
			"GRUVA, Jan 14 (MP) - Rescuers reached nine miners trapped 600 meters underground by a rockfall at the Gruva copper mine on Wednesday evening, more than 30 hours after the accident, the mine operator said. All nine were alive.",
			"The miners had sheltered in a refuge chamber with air, water and food for four days. Rescue teams drilled through 40 meters of rock to reach them.",
			"\"They walked out on their own feet and asked for coffee,\" said the mine's safety manager, Bjorn Aas.",
		},
		copies: []edit{
			{practice: "brief-grown", local: true, outlet: east, tail: []string{
				"Among the nine is Eastfield's Jonas Kvist, 27, whose family had waited at the mine gate since Tuesday. \"I have not slept. Now I will sleep for a week,\" his mother, Anna Kvist, told the Post by phone.",
				"The mine employs about 30 people from Eastfield, many of whom commute daily by company bus.",
			}},
			{practice: "brief-grown", local: true, outlet: harbour, subs: [][]string{{"Rescuers reached nine miners trapped 600 meters underground by a rockfall at the Gruva copper mine on Wednesday evening, more than 30 hours after the accident, the mine operator said. All nine were alive.", "All nine miners trapped 600 meters underground at the Gruva copper mine were alive when rescuers reached them on Wednesday evening, more than 30 hours after a rockfall cut them off, the operator said."}},
				tail: []string{
					"The rescue used a drill rig flown in from the harbor engineering firm Dahl & Sons, whose crew worked in shifts through the night.",
					"\"We have drilled for tunnels and wells, never for people. This is the one job we will remember,\" said foreman Ola Dahl.",
					"The labor inspectorate said it would investigate the cause of the rockfall.",
				}},
			{practice: "writethrough", outlet: mp, date: "2026-01-15T09:00:00Z",
				title: "Gruva miners in good health after rescue; inquiry opened",
				lede: []string{
					"GRUVA, Jan 15 (MP) - The nine miners rescued from the Gruva copper mine were in good health on Thursday after a night in hospital, doctors said, as the labor inspectorate opened an inquiry into the rockfall that trapped them.",
					"Two of the men were being treated for minor injuries to their hands, and all were expected to go home by the weekend.",
				}},
		}},
}
